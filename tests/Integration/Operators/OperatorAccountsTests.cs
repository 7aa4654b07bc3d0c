using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using OmniaKey.IntegrationTests.Gateway;
using OmniaKey.IntegrationTests.Infrastructure;
using Xunit;

namespace OmniaKey.IntegrationTests.Operators;

/// <summary>
/// The operators' account tools: list and search with paging and filters, the account view (eligibility statement,
/// status reason, keys), revoking a customer's key, and promotional credit.
/// </summary>
public abstract class OperatorAccountsTests<TFixture>(TFixture fixture) : GatewayTestBase<TFixture>(fixture)
    where TFixture : GatewayFixture
{
    [Fact]
    public async Task Accounts_are_found_by_exact_email_or_prefix_filtered_by_status_and_paged_newest_first()
    {
        var prefix = $"ops-{Guid.NewGuid():N}"[..16];
        var ids = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add(await Admin.CreateAccountAsync($"{prefix}-{i}@example.com"));
        }

        await (await Admin.PostAsync($"/admin/v1/accounts/{ids[1]}/suspend", null)).AssertSuccessAsync();

        var exact = await OkAsync($"/admin/v1/accounts?email={prefix.ToUpperInvariant()}-2@EXAMPLE.com");
        Assert.Equal(ids[2], Guid.Parse(Assert.Single(exact["data"]!.AsArray())!["id"]!.GetValue<string>()));
        Assert.Null(exact["next_cursor"]);
        Assert.Empty((await OkAsync($"/admin/v1/accounts?email={prefix}@example.com"))["data"]!.AsArray());

        // Two pages of two and one, newest first, nothing repeated.
        var first = await OkAsync($"/admin/v1/accounts?email_prefix={prefix.ToUpperInvariant()}&limit=2");
        var cursor = first["next_cursor"]!.GetValue<string>();
        var second = await OkAsync($"/admin/v1/accounts?email_prefix={prefix}&limit=2&cursor={cursor}");
        Assert.Null(second["next_cursor"]);
        var listed = first["data"]!.AsArray().Concat(second["data"]!.AsArray()).Select(a => Guid.Parse(a!["id"]!.GetValue<string>())).ToList();
        Assert.Equal([ids[2], ids[1], ids[0]], listed);

        var suspended = await OkAsync($"/admin/v1/accounts?email_prefix={prefix}&status=suspended");
        var only = Assert.Single(suspended["data"]!.AsArray())!;
        Assert.Equal(ids[1], Guid.Parse(only["id"]!.GetValue<string>()));
        Assert.Equal("suspended", only["status"]!.GetValue<string>());
        Assert.Equal("0", only["balance"]!["available_usd"]!.GetValue<string>());

        // Without a filter every account is listed, the signed-up customer included.
        var all = await OkAsync("/admin/v1/accounts?limit=100");
        Assert.Contains(all["data"]!.AsArray(), a => a!["id"]!.GetValue<string>() == AccountId.ToString());
    }

    [Theory]
    [InlineData("status=closed", "status")]
    [InlineData("status=1", "status")]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=101", "limit")]
    [InlineData("cursor=not-a-cursor", "cursor")]
    public async Task A_bad_list_parameter_is_400_naming_it(string query, string field)
    {
        using var response = await Admin.GetAsync($"/admin/v1/accounts?{query}");
        await response.AssertStatusAsync(HttpStatusCode.BadRequest);
        Assert.NotNull((await response.ReadJsonNodeAsync())["errors"]![field]);
    }

    [Fact]
    public async Task The_account_view_shows_the_eligibility_statement_the_status_reason_and_the_keys_without_secrets()
    {
        var second = await Customer.CreateApiKeyAsync("second");
        var keys = (await (await Customer.GetAsync("/api/v1/keys")).ReadJsonNodeAsync())["data"]!.AsArray();
        var firstId = keys.Single(k => k!["name"]!.GetValue<string>() == "test key")!["id"]!.GetValue<string>();
        await (await Customer.DeleteAsync($"/api/v1/keys/{firstId}")).AssertSuccessAsync();

        var view = await OkAsync($"/admin/v1/accounts/{AccountId}");
        Assert.Equal("active", view["status"]!.GetValue<string>());
        Assert.Null(view["status_reason"]);
        Assert.Equal("US", view["country"]!.GetValue<string>());
        Assert.Equal("0", view["balance"]!["available_usd"]!.GetValue<string>());
        var eligibility = view["eligibility"]!.AsObject();
        Assert.Equal(ApiClientExtensions.TermsVersion, eligibility["terms_version"]!.GetValue<string>());
        Assert.True(eligibility["confirmed_at"]!.GetValue<DateTimeOffset>() > DateTimeOffset.UtcNow.AddMinutes(-5));
        Assert.True(eligibility.ContainsKey("ip"));

        var listed = view["keys"]!.AsArray();
        Assert.Equal(2, listed.Count);
        Assert.Equal("second", listed[0]!["name"]!.GetValue<string>()); // newest first
        Assert.Equal("active", listed[0]!["status"]!.GetValue<string>());
        Assert.Equal("revoked", listed[1]!["status"]!.GetValue<string>());
        Assert.NotNull(listed[1]!["revoked_at"]);
        Assert.All(listed, k =>
        {
            Assert.StartsWith("sk-omk-", k!["prefix"]!.GetValue<string>(), StringComparison.Ordinal);
            Assert.True(k.AsObject().ContainsKey("last_four"));
            Assert.Null(k["key"]);
        });
        Assert.DoesNotContain(second, view.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain(ApiKey, view.ToJsonString(), StringComparison.Ordinal);

        // An operator-opened account has no statement; a terminated one says why.
        var opened = await Admin.CreateAccountAsync(ApiClientExtensions.NewEmail("opened"));
        using var terminate = await Admin.PostJsonAsync($"/admin/v1/accounts/{opened}/terminate", new { reason = "Fraudulent sign-up", material_breach = true });
        await terminate.AssertSuccessAsync();
        var terminated = await OkAsync($"/admin/v1/accounts/{opened}");
        Assert.Null(terminated["eligibility"]);
        Assert.Equal("Fraudulent sign-up", terminated["status_reason"]!.GetValue<string>());
        Assert.True(terminated["termination"]!["material_breach"]!.GetValue<bool>());
        Assert.Empty(terminated["keys"]!.AsArray());

        using var unknown = await Admin.GetAsync($"/admin/v1/accounts/{Guid.NewGuid()}");
        await unknown.AssertStatusAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_operator_revokes_a_customers_key_and_it_is_refused_on_the_very_next_call()
    {
        using (var before = await ApiClient().GetAsync("/v1/models"))
        {
            await before.AssertStatusAsync(HttpStatusCode.OK); // the key is now cached on this instance
        }

        var keyId = (await (await Customer.GetAsync("/api/v1/keys")).ReadJsonNodeAsync())["data"]![0]!["id"]!.GetValue<string>();
        using var revoked = await Admin.PostAsync($"/admin/v1/accounts/{AccountId}/keys/{keyId}/revoke", null);
        await revoked.AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal("revoked", (await revoked.ReadJsonNodeAsync())["status"]!.GetValue<string>());

        using var after = await ApiClient().GetAsync("/v1/models");
        await after.AssertStatusAsync(HttpStatusCode.Unauthorized);
        Assert.Equal("invalid_api_key", (await after.ReadJsonNodeAsync())["error"]!["code"]!.GetValue<string>());

        using var again = await Admin.PostAsync($"/admin/v1/accounts/{AccountId}/keys/{keyId}/revoke", null);
        await again.AssertStatusAsync(HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task A_key_is_revoked_only_under_its_own_account()
    {
        var (otherId, otherToken) = await Fixture.App.CreateClient().SignUpAndLogInAsync(ApiClientExtensions.NewEmail("other"));
        var otherKey = await Fixture.App.CreateBearerClient(otherToken).CreateApiKeyAsync("other key");
        var otherKeyId = (await (await Fixture.App.CreateBearerClient(otherToken).GetAsync("/api/v1/keys")).ReadJsonNodeAsync())["data"]![0]!["id"]!.GetValue<string>();

        using var wrongAccount = await Admin.PostAsync($"/admin/v1/accounts/{AccountId}/keys/{otherKeyId}/revoke", null);
        await wrongAccount.AssertStatusAsync(HttpStatusCode.NotFound);
        Assert.Equal("key_not_found", (await wrongAccount.ReadJsonNodeAsync())["code"]!.GetValue<string>());
        using var unknown = await Admin.PostAsync($"/admin/v1/accounts/{otherId}/keys/{Guid.NewGuid()}/revoke", null);
        await unknown.AssertStatusAsync(HttpStatusCode.NotFound);

        using var stillWorks = await ApiClient(otherKey).GetAsync("/v1/models");
        await stillWorks.AssertStatusAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Promotional_credit_is_one_promotional_credit_entry_per_idempotency_key()
    {
        using var first = await PromotionalCreditAsync(AccountId, "10", "promo-1");
        await first.AssertStatusAsync(HttpStatusCode.Created);
        using var repeat = await PromotionalCreditAsync(AccountId, "10", "promo-1");
        await repeat.AssertStatusAsync(HttpStatusCode.Created);
        var entry = await first.ReadJsonNodeAsync();
        Assert.Equal(entry["id"]!.GetValue<string>(), (await repeat.ReadJsonNodeAsync())["id"]!.GetValue<string>());
        Assert.Equal("promotional_credit", entry["type"]!.GetValue<string>());
        Assert.Equal("10", entry["amount_usd"]!.GetValue<string>());

        using var conflict = await PromotionalCreditAsync(AccountId, "11", "promo-1");
        await conflict.AssertStatusAsync(HttpStatusCode.Conflict);

        var ledger = (await (await Customer.GetAsync("/api/v1/ledger")).ReadJsonNodeAsync())["data"]!.AsArray();
        var promotional = Assert.Single(ledger, e => e!["type"]!.GetValue<string>() == "promotional_credit")!;
        Assert.Equal("Spring launch", promotional["description"]!.GetValue<string>());
        Assert.Equal("10", (await OkAsync($"/admin/v1/accounts/{AccountId}"))["balance"]!["available_usd"]!.GetValue<string>());

        // A second key is a second grant.
        await (await PromotionalCreditAsync(AccountId, "2.5", "promo-2")).AssertStatusAsync(HttpStatusCode.Created);
        Assert.Equal("12.5", (await OkAsync($"/admin/v1/accounts/{AccountId}"))["balance"]!["available_usd"]!.GetValue<string>());
    }

    [Fact]
    public async Task Promotional_credit_is_validated_and_changes_nothing_when_refused()
    {
        using var negative = await PromotionalCreditAsync(AccountId, "-1", null, reason: "");
        await negative.AssertStatusAsync(HttpStatusCode.BadRequest);
        var errors = (await negative.ReadJsonNodeAsync())["errors"]!;
        Assert.NotNull(errors["amount_usd"]);
        Assert.NotNull(errors["reason"]);
        using var unknown = await PromotionalCreditAsync(Guid.NewGuid(), "1", null);
        await unknown.AssertStatusAsync(HttpStatusCode.NotFound);

        Assert.Equal("0", (await OkAsync($"/admin/v1/accounts/{AccountId}"))["balance"]!["available_usd"]!.GetValue<string>());
    }

    private async Task<JsonNode> OkAsync(string path)
    {
        using var response = await Admin.GetAsync(path);
        await response.AssertStatusAsync(HttpStatusCode.OK);
        return await response.ReadJsonNodeAsync();
    }

    private Task<HttpResponseMessage> PromotionalCreditAsync(Guid accountId, string amountUsd, string? idempotencyKey, string reason = "Spring launch")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/admin/v1/accounts/{accountId}/promotional-credits")
        {
            Content = JsonContent.Create(new { amount_usd = amountUsd, reason }, options: ApiClientExtensions.Json),
        };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return Admin.SendAsync(request);
    }
}

public sealed class SqliteOperatorAccountsTests(SqliteGatewayFixture fixture)
    : OperatorAccountsTests<SqliteGatewayFixture>(fixture), IClassFixture<SqliteGatewayFixture>;

public sealed class PostgresOperatorAccountsTests(PostgresGatewayFixture fixture)
    : OperatorAccountsTests<PostgresGatewayFixture>(fixture), IClassFixture<PostgresGatewayFixture>;
