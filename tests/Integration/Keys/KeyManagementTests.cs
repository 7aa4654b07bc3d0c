using System.Net;
using System.Text.Json.Nodes;
using OmniaKey.IntegrationTests.Infrastructure;
using Xunit;

namespace OmniaKey.IntegrationTests.Keys;

/// <summary>The customer's key API with limits: create, read, change (null clears, absent keeps), list, and isolation.</summary>
public abstract class KeyManagementTests<TFixture>(TFixture fixture) : KeyLimitsTestBase<TFixture>(fixture)
    where TFixture : KeyLimitsFixture
{
    [Fact]
    public async Task A_key_is_created_with_its_limits_and_read_back_without_its_secret()
    {
        var expiresAt = Fixture.Clock.GetUtcNow().AddDays(30);
        var created = await CreateKeyAsync(new JsonObject
        {
            ["name"] = "ci",
            ["expires_at"] = expiresAt.ToString("O"),
            ["allowed_models"] = new JsonArray("claude-*", " gpt-4o ", "gpt-4o"),
            ["allowed_ips"] = new JsonArray("10.0.0.0/8", "2001:db8::1"),
            ["rpm_limit"] = 60,
            ["tpm_limit"] = 100000,
            ["max_concurrent_requests"] = 4,
            ["spend_limit_usd"] = null,
        });
        var secret = created["key"]!.GetValue<string>();
        Assert.Equal(secret[^4..], created["last_four"]!.GetValue<string>());
        Assert.Equal("active", created["status"]!.GetValue<string>());

        using var read = await Customer.GetAsync($"/api/v1/keys/{created["id"]}");
        await read.AssertStatusAsync(HttpStatusCode.OK);
        var key = await read.ReadJsonNodeAsync();
        Assert.Null(key["key"]);
        Assert.DoesNotContain(secret, key.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(("ci", "active"), (key["name"]!.GetValue<string>(), key["status"]!.GetValue<string>()));
        Assert.Equal(expiresAt.ToUnixTimeMilliseconds(), key["expires_at"]!.GetValue<DateTimeOffset>().ToUnixTimeMilliseconds());
        Assert.Equal(["claude-*", "gpt-4o"], key["allowed_models"]!.AsArray().Select(m => m!.GetValue<string>()));
        Assert.Equal(["10.0.0.0/8", "2001:db8::1"], key["allowed_ips"]!.AsArray().Select(m => m!.GetValue<string>()));
        Assert.Equal((60, 100000L, 4), (key["rpm_limit"]!.GetValue<int>(), key["tpm_limit"]!.GetValue<long>(), key["max_concurrent_requests"]!.GetValue<int>()));
        Assert.Equal("0", key["spend_usd"]!.GetValue<string>());
        Assert.Null(key["last_used_at"]);
        Assert.Equal(created["prefix"]!.GetValue<string>(), key["prefix"]!.GetValue<string>());
        Assert.Equal(secret[^4..], key["last_four"]!.GetValue<string>());
    }

    [Fact]
    public async Task Patch_with_null_clears_a_limit_and_an_absent_field_keeps_it()
    {
        var created = await CreateKeyAsync(new JsonObject { ["name"] = "k", ["rpm_limit"] = 10, ["tpm_limit"] = 5000, ["allowed_models"] = new JsonArray("gpt-4o") });
        var id = created["id"]!.GetValue<string>();

        using var patched = await PatchKeyAsync(id, new JsonObject { ["rpm_limit"] = null, ["max_concurrent_requests"] = 2, ["name"] = "renamed" });
        await patched.AssertStatusAsync(HttpStatusCode.OK);
        var key = await patched.ReadJsonNodeAsync();
        Assert.Null(key["rpm_limit"]);
        Assert.Equal(5000, key["tpm_limit"]!.GetValue<long>());
        Assert.Equal(2, key["max_concurrent_requests"]!.GetValue<int>());
        Assert.Equal(["gpt-4o"], key["allowed_models"]!.AsArray().Select(m => m!.GetValue<string>()));
        Assert.Equal("renamed", key["name"]!.GetValue<string>());

        using var empty = await PatchKeyAsync(id, []);
        await empty.AssertStatusAsync(HttpStatusCode.OK);
        var unchanged = await (await Customer.GetAsync($"/api/v1/keys/{id}")).ReadJsonNodeAsync();
        Assert.Equal(key.ToJsonString(), unchanged.ToJsonString());
    }

    [Fact]
    public async Task Unknown_fields_and_invalid_budgets_are_refused_naming_them_and_change_nothing()
    {
        var id = (await CreateKeyAsync(new JsonObject { ["name"] = "k", ["rpm_limit"] = 10 }))["id"]!.GetValue<string>();
        var before = await (await Customer.GetAsync("/api/v1/keys")).ReadJsonNodeAsync();

        using var unknown = await Customer.PostAsync("/api/v1/keys", Json(new JsonObject { ["name"] = "x", ["colour"] = "red", ["rpm_limit"] = 5 }));
        await AssertFieldErrorsAsync(unknown, "colour");
        using var budget = await Customer.PostAsync("/api/v1/keys", Json(new JsonObject { ["name"] = "x", ["spend_limit_usd"] = "0", ["spend_limit_period"] = "week" }));
        await AssertFieldErrorsAsync(budget, "spend_limit_usd", "spend_limit_period");
        using var tooPrecise = await Customer.PostAsync("/api/v1/keys", Json(new JsonObject { ["name"] = "x", ["spend_limit_usd"] = 1.0000000001m }));
        var errors = await AssertFieldErrorsAsync(tooPrecise, "spend_limit_usd");
        Assert.Contains("9 decimal places", errors["spend_limit_usd"]!.ToJsonString(), StringComparison.Ordinal);
        using var unknownPatch = await PatchKeyAsync(id, new JsonObject { ["rpm_limit"] = null, ["rpm"] = 3 });
        await AssertFieldErrorsAsync(unknownPatch, "rpm");
        using var periodWithoutBudget = await PatchKeyAsync(id, new JsonObject { ["spend_limit_period"] = "day" });
        await AssertFieldErrorsAsync(periodWithoutBudget, "spend_limit_period");

        var after = await (await Customer.GetAsync("/api/v1/keys")).ReadJsonNodeAsync();
        Assert.Equal(before.ToJsonString(), after.ToJsonString());
    }

    [Fact]
    public async Task A_budget_is_set_exactly_shown_with_its_period_spend_kept_when_only_the_period_changes_and_cleared_by_null()
    {
        var created = await CreateKeyAsync(new JsonObject { ["name"] = "b", ["spend_limit_usd"] = 12.345678901m });
        Assert.Equal(("12.345678901", "total"), (created["spend_limit_usd"]!.GetValue<string>(), created["spend_limit_period"]!.GetValue<string>()));
        var id = created["id"]!.GetValue<string>();

        var read = await (await Customer.GetAsync($"/api/v1/keys/{id}")).ReadJsonNodeAsync();
        Assert.Equal(("12.345678901", "total", "0"), (read["spend_limit_usd"]!.GetValue<string>(), read["spend_limit_period"]!.GetValue<string>(), read["period_spend_usd"]!.GetValue<string>()));

        using var period = await PatchKeyAsync(id, new JsonObject { ["spend_limit_period"] = "month" });
        await period.AssertStatusAsync(HttpStatusCode.OK);
        var monthly = await period.ReadJsonNodeAsync();
        Assert.Equal(("12.345678901", "month"), (monthly["spend_limit_usd"]!.GetValue<string>(), monthly["spend_limit_period"]!.GetValue<string>()));

        using var cleared = await PatchKeyAsync(id, new JsonObject { ["spend_limit_usd"] = null });
        await cleared.AssertStatusAsync(HttpStatusCode.OK);
        var none = await cleared.ReadJsonNodeAsync();
        Assert.Null(none["spend_limit_usd"]);
        Assert.Null(none["spend_limit_period"]);
        Assert.Null(none["period_spend_usd"]);
    }

    [Fact]
    public async Task Every_invalid_limit_is_named_with_its_reason()
    {
        using var response = await Customer.PostAsync("/api/v1/keys", Json(new JsonObject
        {
            ["name"] = "",
            ["expires_at"] = Fixture.Clock.GetUtcNow().AddMinutes(-1).ToString("O"),
            ["allowed_models"] = new JsonArray("gpt 4o"),
            ["allowed_ips"] = new JsonArray("10.0.0.300", "10.0.0.0/33"),
            ["rpm_limit"] = 0,
            ["tpm_limit"] = -5,
            ["max_concurrent_requests"] = 10001,
        }));
        await AssertFieldErrorsAsync(response, "name", "expires_at", "allowed_models", "allowed_ips", "rpm_limit", "tpm_limit", "max_concurrent_requests");

        var id = (await CreateKeyAsync(new JsonObject { ["name"] = "k" }))["id"]!.GetValue<string>();
        using var types = await PatchKeyAsync(id, new JsonObject
        {
            ["expires_at"] = "2030-01-01T00:00:00", // no offset
            ["allowed_models"] = new JsonArray(),
            ["allowed_ips"] = "10.0.0.1",
            ["rpm_limit"] = 1.5,
            ["name"] = null,
        });
        await AssertFieldErrorsAsync(types, "expires_at", "allowed_ips", "rpm_limit");
        using var values = await PatchKeyAsync(id, new JsonObject { ["allowed_models"] = new JsonArray(), ["name"] = null });
        await AssertFieldErrorsAsync(values, "allowed_models", "name");
    }

    [Fact]
    public async Task Another_customers_key_is_not_found_by_any_route_nor_listed()
    {
        var stranger = Fixture.App.CreateBearerClient((await Fixture.App.CreateClient().SignUpAndLogInAsync(ApiClientExtensions.NewEmail("b"))).AccessToken);
        var theirs = await CreateKeyAsync(new JsonObject { ["name"] = "b's", ["rpm_limit"] = 5 }, stranger);
        var id = theirs["id"]!.GetValue<string>();

        using (var get = await Customer.GetAsync($"/api/v1/keys/{id}"))
        {
            await get.AssertStatusAsync(HttpStatusCode.NotFound);
        }

        using (var patch = await PatchKeyAsync(id, new JsonObject { ["rpm_limit"] = null }))
        {
            await patch.AssertStatusAsync(HttpStatusCode.NotFound);
        }

        using (var delete = await Customer.DeleteAsync($"/api/v1/keys/{id}"))
        {
            await delete.AssertStatusAsync(HttpStatusCode.NotFound);
        }

        using (var rotate = await Customer.PostAsync($"/api/v1/keys/{id}/rotate", null))
        {
            await rotate.AssertStatusAsync(HttpStatusCode.NotFound);
        }

        var mine = (await (await Customer.GetAsync("/api/v1/keys")).ReadJsonNodeAsync())["data"]!.AsArray();
        Assert.DoesNotContain(mine, k => k!["id"]!.GetValue<string>() == id);
        var unchanged = await (await stranger.GetAsync($"/api/v1/keys/{id}")).ReadJsonNodeAsync();
        Assert.Equal(("active", 5), (unchanged["status"]!.GetValue<string>(), unchanged["rpm_limit"]!.GetValue<int>()));
        using var stillWorks = await V1(theirs["key"]!.GetValue<string>()).GetAsync("/v1/models");
        await stillWorks.AssertStatusAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_list_pages_with_next_cursor_in_creation_order()
    {
        var ids = new List<string> { (await (await Customer.GetAsync("/api/v1/keys")).ReadJsonNodeAsync())["data"]![0]!["id"]!.GetValue<string>() };
        for (var i = 0; i < 4; i++)
        {
            Fixture.Clock.Advance(TimeSpan.FromMilliseconds(5));
            ids.Add((await CreateKeyAsync(new JsonObject { ["name"] = $"key {i}" }))["id"]!.GetValue<string>());
        }

        var listed = new List<string>();
        var pages = 0;
        string? cursor = null;
        do
        {
            var page = await (await Customer.GetAsync($"/api/v1/keys?limit=2{(cursor is null ? "" : "&cursor=" + cursor)}")).ReadJsonNodeAsync();
            listed.AddRange(page["data"]!.AsArray().Select(k => k!["id"]!.GetValue<string>()));
            cursor = page["next_cursor"]?.GetValue<string>();
            pages++;
        }
        while (cursor is not null && pages < 10);

        Assert.Equal(3, pages);
        Assert.Equal(ids, listed);
        using var bad = await Customer.GetAsync("/api/v1/keys?cursor=not-a-cursor");
        await AssertFieldErrorsAsync(bad, "cursor");
        using var tooMany = await Customer.GetAsync("/api/v1/keys?limit=201");
        await AssertFieldErrorsAsync(tooMany, "limit");
    }

    [Fact]
    public async Task Spend_and_last_use_come_from_the_usage_records()
    {
        await Admin.CreditAsync(AccountId, "1");
        var created = await CreateKeyAsync(new JsonObject { ["name"] = "used" });
        using (var call = await ChatAsync(V1(created["key"]!.GetValue<string>())))
        {
            await call.AssertStatusAsync(HttpStatusCode.OK);
        }

        var key = await (await Customer.GetAsync($"/api/v1/keys/{created["id"]}")).ReadJsonNodeAsync();
        Assert.Equal(CostOf(12, 5).ToString(), key["spend_usd"]!.GetValue<string>());
        Assert.NotNull(key["last_used_at"]);
        var listed = (await (await Customer.GetAsync("/api/v1/keys")).ReadJsonNodeAsync())["data"]!.AsArray();
        var unused = listed.Single(k => k!["name"]!.GetValue<string>() == "test key")!;
        Assert.Equal("0", unused["spend_usd"]!.GetValue<string>());
        Assert.Null(unused["last_used_at"]);
    }

    [Fact]
    public async Task Rotation_keeps_the_limits()
    {
        var created = await CreateKeyAsync(new JsonObject { ["name"] = "leaky", ["allowed_models"] = new JsonArray("claude-*"), ["rpm_limit"] = 7 });
        using var rotated = await Customer.PostAsync($"/api/v1/keys/{created["id"]}/rotate", null);
        await rotated.AssertStatusAsync(HttpStatusCode.Created);
        var replacement = await rotated.ReadJsonNodeAsync();
        Assert.Equal(7, replacement["rpm_limit"]!.GetValue<int>());
        using var chat = await ChatAsync(V1(replacement["key"]!.GetValue<string>()));
        await AssertGatewayErrorAsync(chat, HttpStatusCode.Forbidden, "permission_error", "model_not_allowed");
    }

    private static async Task<JsonNode> AssertFieldErrorsAsync(HttpResponseMessage response, params string[] fields)
    {
        await response.AssertStatusAsync(HttpStatusCode.BadRequest);
        var errors = (await response.ReadJsonNodeAsync())["errors"]!.AsObject();
        Assert.Equal(fields.Order(StringComparer.Ordinal), errors.Select(e => e.Key).Order(StringComparer.Ordinal));
        return errors;
    }
}

public sealed class SqliteKeyManagementTests(SqliteKeyLimitsFixture fixture)
    : KeyManagementTests<SqliteKeyLimitsFixture>(fixture), IClassFixture<SqliteKeyLimitsFixture>;

public sealed class PostgresKeyManagementTests(PostgresKeyLimitsFixture fixture)
    : KeyManagementTests<PostgresKeyLimitsFixture>(fixture), IClassFixture<PostgresKeyLimitsFixture>;
