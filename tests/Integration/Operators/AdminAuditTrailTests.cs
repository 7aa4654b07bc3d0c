using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using OmniaKey.IntegrationTests.Gateway;
using OmniaKey.IntegrationTests.Infrastructure;
using Xunit;

namespace OmniaKey.IntegrationTests.Operators;

/// <summary>
/// <c>GET /admin/v1/audit</c>: every state-changing admin request is recorded — who, what, on which target, with
/// which parameters, the result — with secrets redacted; reads are not; refused requests are recorded as failed.
/// </summary>
public abstract class AdminAuditTrailTests<TFixture>(TFixture fixture) : GatewayTestBase<TFixture>(fixture)
    where TFixture : GatewayFixture
{
    private const string ChannelSecret = "sk-ant-audit-secret-credential-9876";
    private const string RotatedSecret = "sk-ant-audit-rotated-credential-5432";

    [Fact]
    public async Task Every_admin_action_is_recorded_with_its_actor_target_and_parameters_and_no_secret()
    {
        // Read before the suspension, which ends the customer's sessions.
        var keyId = (await (await Customer.GetAsync("/api/v1/keys")).ReadJsonNodeAsync())["data"]![0]!["id"]!.GetValue<string>();
        await Admin.CreditAsync(AccountId, "5", idempotencyKey: "audit-credit");
        await PostOkAsync($"/admin/v1/accounts/{AccountId}/suspend");
        await PostOkAsync($"/admin/v1/accounts/{AccountId}/reactivate");
        using (var promo = await PostJsonWithKeyAsync($"/admin/v1/accounts/{AccountId}/promotional-credits", new { amount_usd = "3", reason = "Welcome" }, "audit-promo"))
        {
            await promo.AssertStatusAsync(HttpStatusCode.Created);
        }

        await PostOkAsync($"/admin/v1/accounts/{AccountId}/keys/{keyId}/revoke");

        using var channel = await Admin.PostJsonAsync("/admin/v1/channels", new { name = "audited", provider = "anthropic", credential = ChannelSecret, models = new[] { "claude-sonnet-4-5" } });
        await channel.AssertStatusAsync(HttpStatusCode.Created);
        var channelId = (await channel.ReadJsonNodeAsync())["id"]!.GetValue<string>();
        using (var update = await Admin.PatchAsJsonAsync($"/admin/v1/channels/{channelId}", new { weight = 4, credential = RotatedSecret }, ApiClientExtensions.Json))
        {
            await update.AssertSuccessAsync();
        }

        var version = $"2030-0{Random.Shared.Next(1, 9)}-1{Random.Shared.Next(0, 9)}";
        using (var terms = await Admin.PostJsonAsync("/admin/v1/terms", new { version, effective_at = DateTimeOffset.UtcNow.AddDays(40).ToString("O"), material = false, text = "New terms" }))
        {
            await terms.AssertStatusAsync(HttpStatusCode.Created);
        }

        using (var terminate = await Admin.PostJsonAsync($"/admin/v1/accounts/{AccountId}/terminate", new { reason = "Requested by the customer", material_breach = false }))
        {
            await terminate.AssertSuccessAsync();
        }

        using var raw = await Admin.GetAsync("/admin/v1/audit?limit=200");
        await raw.AssertStatusAsync(HttpStatusCode.OK);
        var text = await raw.Content.ReadAsStringAsync();
        Assert.DoesNotContain(ChannelSecret, text, StringComparison.Ordinal);
        Assert.DoesNotContain(RotatedSecret, text, StringComparison.Ordinal);
        Assert.DoesNotContain(OmniaKeyAppFactory.AdminToken, text, StringComparison.Ordinal);
        Assert.DoesNotContain(ApiKey, text, StringComparison.Ordinal);

        var entries = JsonNode.Parse(text)!["data"]!.AsArray().Select(e => e!.AsObject()).ToList();
        Assert.All(entries, e =>
        {
            Assert.Equal("bootstrap", e["actor"]!.GetValue<string>());
            Assert.Equal("succeeded", e["result"]!.GetValue<string>());
            Assert.NotEqual("GET", e["method"]!.GetValue<string>());
        });
        var actions = entries.Select(e => e["action"]!.GetValue<string>()).Reverse().ToList();
        Assert.Equal(
            ["accounts.credits", "accounts.suspend", "accounts.reactivate", "accounts.promotional-credits", "accounts.keys.revoke",
             "channels.create", "channels.update", "terms.create", "accounts.terminate"],
            actions);

        var credit = Single(entries, "accounts.credits");
        Assert.Equal(("account", AccountId.ToString()), Target(credit));
        Assert.Equal("audit-credit", credit["parameters"]!["idempotency_key"]!.GetValue<string>());
        Assert.Equal("5", credit["parameters"]!["body"]!["amount_usd"]!.GetValue<string>());
        Assert.Equal("adjustment", credit["after"]!["type"]!.GetValue<string>());

        var suspend = Single(entries, "accounts.suspend");
        Assert.Equal(("active", "suspended"), (suspend["before"]!["status"]!.GetValue<string>(), suspend["after"]!["status"]!.GetValue<string>()));
        Assert.Equal("suspended", Single(entries, "accounts.reactivate")["before"]!["status"]!.GetValue<string>());
        Assert.NotNull(credit["before"]!["available_usd"]);
        Assert.Equal(
            decimal.Parse(Single(entries, "accounts.promotional-credits")["before"]!["available_usd"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture),
            decimal.Parse(credit["before"]!["available_usd"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture) + 5m);
        Assert.Equal("promotional_credit", Single(entries, "accounts.promotional-credits")["after"]!["type"]!.GetValue<string>());
        var revoke = Single(entries, "accounts.keys.revoke");
        Assert.Equal(("key", keyId), Target(revoke));
        Assert.Equal(("active", "revoked"), (revoke["before"]!["status"]!.GetValue<string>(), revoke["after"]!["status"]!.GetValue<string>()));

        var created = Single(entries, "channels.create");
        Assert.Equal(("channel", channelId), Target(created));
        Assert.Equal("[redacted]", created["parameters"]!["body"]!["credential"]!.GetValue<string>());
        Assert.Equal("audited", created["parameters"]!["body"]!["name"]!.GetValue<string>());
        Assert.Null(created["before"]);
        var updated = Single(entries, "channels.update");
        Assert.Equal(("channel", channelId), Target(updated));
        Assert.Equal("[redacted]", updated["parameters"]!["body"]!["credential"]!.GetValue<string>());
        Assert.Equal(4, updated["parameters"]!["body"]!["weight"]!.GetValue<int>());
        Assert.Equal(("audited", 1), (updated["before"]!["name"]!.GetValue<string>(), updated["before"]!["weight"]!.GetValue<int>()));

        Assert.Equal(("terms", version), Target(Single(entries, "terms.create")));
        var terminated = Single(entries, "accounts.terminate");
        Assert.Equal("Requested by the customer", terminated["parameters"]!["body"]!["reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task Reads_are_not_recorded_and_refused_actions_are_recorded_as_failed_never_as_done()
    {
        await (await Admin.GetAsync($"/admin/v1/accounts/{AccountId}")).AssertSuccessAsync();
        await (await Admin.GetAsync("/admin/v1/accounts")).AssertSuccessAsync();
        await (await Admin.GetAsync("/admin/v1/channels")).AssertSuccessAsync();
        await (await Admin.GetAsync("/admin/v1/audit")).AssertSuccessAsync();
        Assert.Empty(await EntriesAsync("/admin/v1/audit"));

        var missing = Guid.NewGuid();
        using (var notFound = await Admin.PostAsync($"/admin/v1/accounts/{missing}/suspend", null))
        {
            await notFound.AssertStatusAsync(HttpStatusCode.NotFound);
        }

        await Admin.CreditAsync(AccountId, "5", idempotencyKey: "same-key");
        using (var conflict = await PostJsonWithKeyAsync($"/admin/v1/accounts/{AccountId}/credits", new { amount_usd = "6", reason = "x" }, "same-key"))
        {
            await conflict.AssertStatusAsync(HttpStatusCode.Conflict);
        }

        using (var invalid = await Admin.PostJsonAsync("/admin/v1/channels", new { name = "", provider = "mistral", credential = ChannelSecret }))
        {
            await invalid.AssertStatusAsync(HttpStatusCode.BadRequest);
        }

        // The customer's own surface is not the admin trail.
        await Customer.CreateApiKeyAsync("customer action");

        var entries = await EntriesAsync("/admin/v1/audit");
        Assert.Equal(4, entries.Count);
        var suspend = entries[3];
        Assert.Equal(("accounts.suspend", "failed", 404, "account_not_found"), Outcome(suspend));
        Assert.Equal(("account", missing.ToString()), Target(suspend));
        Assert.Null(suspend["after"]);
        Assert.Null(suspend["before"]);
        Assert.Equal(("accounts.credits", "succeeded", (int?)null, (string?)null), Outcome(entries[2]));
        Assert.Equal(("accounts.credits", "failed", 409, "idempotency_key_reused"), Outcome(entries[1]));
        Assert.Equal(("channels.create", "failed", 400, "invalid_request"), Outcome(entries[0]));
        Assert.Equal("[redacted]", entries[0]["parameters"]!["body"]!["credential"]!.GetValue<string>());

        // The failed credit moved nothing.
        Assert.Equal("5", (await (await Admin.GetAsync($"/admin/v1/accounts/{AccountId}")).ReadJsonNodeAsync())["balance"]!["available_usd"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_trail_is_filtered_by_actor_action_and_target_and_paged_newest_first()
    {
        var other = await Admin.CreateAccountAsync(ApiClientExtensions.NewEmail("other"));
        for (var i = 0; i < 3; i++)
        {
            await PostOkAsync($"/admin/v1/accounts/{AccountId}/suspend");
        }

        await PostOkAsync($"/admin/v1/accounts/{other}/suspend");
        await PostOkAsync($"/admin/v1/accounts/{AccountId}/reactivate");

        Assert.Equal(6, (await EntriesAsync("/admin/v1/audit?actor=bootstrap")).Count);
        Assert.Empty(await EntriesAsync("/admin/v1/audit?actor=someone-else"));
        Assert.Equal(4, (await EntriesAsync("/admin/v1/audit?action=accounts.suspend")).Count);
        Assert.Equal(4, (await EntriesAsync($"/admin/v1/audit?target_id={AccountId}")).Count);
        var created = Assert.Single(await EntriesAsync("/admin/v1/audit?action=accounts.create"));
        Assert.Equal(("account", other.ToString()), Target(created));

        var page1 = await OkAsync($"/admin/v1/audit?action=accounts.suspend&target_id={AccountId}&limit=2");
        var page2 = await OkAsync($"/admin/v1/audit?action=accounts.suspend&target_id={AccountId}&limit=2&cursor={page1["next_cursor"]!.GetValue<string>()}");
        Assert.Null(page2["next_cursor"]);
        var ids = page1["data"]!.AsArray().Concat(page2["data"]!.AsArray()).Select(e => e!["id"]!.GetValue<string>()).ToList();
        Assert.Equal(3, ids.Distinct().Count());
        var times = page1["data"]!.AsArray().Concat(page2["data"]!.AsArray()).Select(e => e!["occurred_at"]!.GetValue<DateTimeOffset>()).ToList();
        Assert.Equal(times.OrderByDescending(t => t), times);

        foreach (var (query, field) in new[] { ("limit=0", "limit"), ("limit=201", "limit"), ("cursor=nope", "cursor") })
        {
            using var bad = await Admin.GetAsync($"/admin/v1/audit?{query}");
            await bad.AssertStatusAsync(HttpStatusCode.BadRequest);
            Assert.NotNull((await bad.ReadJsonNodeAsync())["errors"]![field]);
        }

        using var anonymous = await Fixture.App.CreateClient().GetAsync("/admin/v1/audit");
        await anonymous.AssertStatusAsync(HttpStatusCode.Unauthorized);
        using var customer = await Customer.GetAsync("/admin/v1/audit");
        await customer.AssertStatusAsync(HttpStatusCode.Unauthorized);
    }

    private static JsonObject Single(List<JsonObject> entries, string action) =>
        Assert.Single(entries, e => e["action"]!.GetValue<string>() == action);

    private static (string?, string?) Target(JsonObject entry) =>
        (entry["target_type"]?.GetValue<string>(), entry["target_id"]?.GetValue<string>());

    private static (string, string, int?, string?) Outcome(JsonObject entry) => (
        entry["action"]!.GetValue<string>(),
        entry["result"]!.GetValue<string>(),
        entry["status_code"]?.GetValue<int>(),
        entry["error_code"]?.GetValue<string>());

    private async Task<List<JsonObject>> EntriesAsync(string path) =>
        (await OkAsync(path))["data"]!.AsArray().Select(e => e!.AsObject()).ToList();

    private async Task<JsonNode> OkAsync(string path)
    {
        using var response = await Admin.GetAsync(path);
        await response.AssertStatusAsync(HttpStatusCode.OK);
        return await response.ReadJsonNodeAsync();
    }

    private async Task PostOkAsync(string path)
    {
        using var response = await Admin.PostAsync(path, null);
        await response.AssertSuccessAsync();
    }

    private Task<HttpResponseMessage> PostJsonWithKeyAsync(string path, object body, string idempotencyKey)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body, options: ApiClientExtensions.Json) };
        request.Headers.Add("Idempotency-Key", idempotencyKey);
        return Admin.SendAsync(request);
    }
}

public sealed class SqliteAdminAuditTrailTests(SqliteGatewayFixture fixture)
    : AdminAuditTrailTests<SqliteGatewayFixture>(fixture), IClassFixture<SqliteGatewayFixture>;

public sealed class PostgresAdminAuditTrailTests(PostgresGatewayFixture fixture)
    : AdminAuditTrailTests<PostgresGatewayFixture>(fixture), IClassFixture<PostgresGatewayFixture>;
