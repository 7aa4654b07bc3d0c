using System.Net;
using System.Text.Json.Nodes;
using OmniaKey.Domain.Money;
using OmniaKey.IntegrationTests.Infrastructure;
using Xunit;

namespace OmniaKey.IntegrationTests.Gateway;

/// <summary>Customer and admin surfaces: sign-up rules, keys, credits, and the isolation of the two surfaces.</summary>
public sealed class AccountsAndKeysTests(SqliteGatewayFixture fixture)
    : GatewayTestBase<SqliteGatewayFixture>(fixture), IClassFixture<SqliteGatewayFixture>
{
    [Fact]
    public async Task Sign_up_without_the_eligibility_statement_or_with_old_terms_is_refused_naming_the_field()
    {
        var anonymous = Fixture.App.CreateClient();
        var email = ApiClientExtensions.NewEmail();
        using var noStatement = await anonymous.PostJsonAsync("/api/v1/auth/signup", new { email, password = "long enough password", country = "US", terms_version = "2026-05-30", eligibility_confirmed = false });
        await noStatement.AssertStatusAsync(HttpStatusCode.BadRequest);
        Assert.NotNull((await noStatement.ReadJsonNodeAsync())["errors"]!["eligibility_confirmed"]);

        using var oldTerms = await anonymous.PostJsonAsync("/api/v1/auth/signup", new { email, password = "long enough password", country = "US", terms_version = "2020-01-01", eligibility_confirmed = true });
        await oldTerms.AssertStatusAsync(HttpStatusCode.BadRequest);
        Assert.NotNull((await oldTerms.ReadJsonNodeAsync())["errors"]!["terms_version"]);

        using var lookup = await Admin.GetAsync($"/admin/v1/accounts?email={email}");
        Assert.Empty((await lookup.ReadJsonNodeAsync())["data"]!.AsArray());
    }

    [Fact]
    public async Task Wrong_password_is_401_and_a_duplicate_email_is_answered_like_a_new_one_without_taking_the_account()
    {
        var anonymous = Fixture.App.CreateClient();
        var email = ApiClientExtensions.NewEmail();
        var (accountId, _) = await anonymous.SignUpAndLogInAsync(email);
        using var wrong = await anonymous.PostJsonAsync("/api/v1/auth/login", new { email, password = "not the password" });
        await wrong.AssertStatusAsync(HttpStatusCode.Unauthorized);

        // No 409: the answer must not tell whether the address is registered (docs/adr/0030).
        using var duplicate = await anonymous.PostJsonAsync("/api/v1/auth/signup", new { email, password = "long enough password", country = "US", terms_version = "2026-05-30", eligibility_confirmed = true });
        await duplicate.AssertStatusAsync(HttpStatusCode.Created);
        Assert.NotEqual(accountId, (await duplicate.ReadJsonNodeAsync())["id"]!.GetValue<Guid>());
        using var taken = await anonymous.PostJsonAsync("/api/v1/auth/login", new { email, password = "long enough password" });
        await taken.AssertStatusAsync(HttpStatusCode.Unauthorized);
        Assert.Equal(accountId, (await anonymous.LogInAsync(email)).AccountId);
    }

    [Fact]
    public async Task Keys_are_listed_without_secrets_and_rotation_kills_the_old_key()
    {
        await Admin.CreditAsync(AccountId, "1");
        var list = await (await Customer.GetAsync("/api/v1/keys")).ReadJsonNodeAsync();
        var listed = list["data"]![0]!;
        Assert.Null(listed["key"]);
        Assert.StartsWith("sk-omk-", listed["prefix"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.True(ApiKey.Length >= "sk-omk-".Length + 43, "a key carries at least 256 bits of randomness");

        using var rotated = await Customer.PostAsync($"/api/v1/keys/{listed["id"]!.GetValue<string>()}/rotate", null);
        await rotated.AssertStatusAsync(HttpStatusCode.Created);
        var newKey = (await rotated.ReadJsonNodeAsync())["key"]!.GetValue<string>();

        using var old = await ApiClient().GetAsync("/v1/models");
        await old.AssertStatusAsync(HttpStatusCode.Unauthorized);
        using var fresh = await ApiClient(newKey).GetAsync("/v1/models");
        await fresh.AssertStatusAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Credit_with_the_same_idempotency_key_is_applied_once_and_a_different_amount_conflicts()
    {
        await Admin.CreditAsync(AccountId, "12.5", idempotencyKey: "credit-1");
        await Admin.CreditAsync(AccountId, "12.5", idempotencyKey: "credit-1");
        Assert.Equal(Money.Parse("12.5"), await AvailableAsync());

        using var request = new HttpRequestMessage(HttpMethod.Post, $"/admin/v1/accounts/{AccountId}/credits")
        {
            Content = new StringContent("""{"amount_usd":"3","reason":"x"}""", System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("Idempotency-Key", "credit-1");
        using var conflict = await Admin.SendAsync(request);
        await conflict.AssertStatusAsync(HttpStatusCode.Conflict);

        var account = await (await Admin.GetAsync($"/admin/v1/accounts/{AccountId}")).ReadJsonNodeAsync();
        Assert.Equal("12.5", account["balance"]!["available_usd"]!.GetValue<string>());
        Assert.Equal("active", account["status"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("0")]
    [InlineData("1.0000000001")]
    [InlineData("1e3")]
    [InlineData("")]
    public async Task Invalid_credit_amounts_get_400_naming_amount_usd_and_change_nothing(string amount)
    {
        using var response = await Admin.PostJsonAsync($"/admin/v1/accounts/{AccountId}/credits", new { amount_usd = amount, reason = "x" });
        await response.AssertStatusAsync(HttpStatusCode.BadRequest);
        Assert.NotNull((await response.ReadJsonNodeAsync())["errors"]!["amount_usd"]);
        Assert.Equal(Money.Zero, await AvailableAsync());
    }

    [Fact]
    public async Task Admin_and_customer_surfaces_refuse_each_others_credentials()
    {
        using var customerOnAdmin = await Customer.GetAsync($"/admin/v1/accounts/{AccountId}");
        Assert.Equal(HttpStatusCode.Unauthorized, customerOnAdmin.StatusCode);
        using var adminOnCustomer = await Admin.GetAsync("/api/v1/balance");
        Assert.Equal(HttpStatusCode.Unauthorized, adminOnCustomer.StatusCode);
        using var apiKeyOnCustomer = await ApiClient().GetAsync("/api/v1/balance");
        Assert.Equal(HttpStatusCode.Unauthorized, apiKeyOnCustomer.StatusCode);
        using var anonymousJobs = await Fixture.App.CreateClient().GetAsync("/admin/jobs");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymousJobs.StatusCode);
    }

    [Fact]
    public async Task Suspended_account_gets_403_on_the_api()
    {
        await Admin.CreditAsync(AccountId, "1");
        (await Admin.PostAsync($"/admin/v1/accounts/{AccountId}/suspend", null)).EnsureSuccessStatusCode();
        using var response = await ApiClient().PostAsync("/v1/chat/completions", ChatCompletionsTests<SqliteGatewayFixture>.Json(new JsonObject
        {
            ["model"] = "gpt-4o",
            ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = "hi" }),
        }));
        await response.AssertStatusAsync(HttpStatusCode.Forbidden);
        Assert.Equal(Money.Parse("1"), await AvailableAsync());
    }
}
