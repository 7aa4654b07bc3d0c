using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OmniaKey.Domain.Money;
using OmniaKey.IntegrationTests.Infrastructure;
using OmniaKey.Modules.Accounts.Infrastructure.Persistence;
using Xunit;

namespace OmniaKey.IntegrationTests.Accounts.SelfService;

/// <summary>
/// <c>POST /api/v1/account/export</c> holds every section of the account and nothing of another; <c>POST
/// /api/v1/account/close</c> refunds the unused paid balance through termination, anonymises, and ends all access.
/// </summary>
public abstract class ExportAndCloseTests<TFixture>(TFixture fixture) : SelfServiceTestBase<TFixture>(fixture)
    where TFixture : SelfServiceFixture
{
    [Fact]
    public async Task Export_holds_every_section_of_the_account_and_nothing_of_another()
    {
        var (otherEmail, otherId, other, _) = await NewCustomerAsync("other");
        await other.CreateApiKeyAsync("other-customers-key");
        var email = (await MyAccountAsync(Customer))["email"]!.GetValue<string>();
        await TopUpAsync("25");
        await SpendAsync("1.5");
        await Customer.CreateApiKeyAsync("export-laptop");
        var refund = await RequestRefundOkAsync("5");

        using var response = await Customer.PostAsync("/api/v1/account/export", null);
        await response.AssertStatusAsync(HttpStatusCode.OK);
        Assert.StartsWith("attachment", response.Content.Headers.ContentDisposition?.ToString() ?? response.Headers.GetValues("Content-Disposition").First(), StringComparison.Ordinal);
        var text = await response.Content.ReadAsStringAsync();
        var export = JsonNode.Parse(text)!;

        var profile = export["profile"]!;
        Assert.Equal((AccountId.ToString(), email, "active"), (profile["id"]!.GetValue<string>(), profile["email"]!.GetValue<string>(), profile["status"]!.GetValue<string>()));
        Assert.Equal(ApiClientExtensions.TermsVersion, export["eligibility_statement"]!["terms_version"]!.GetValue<string>());
        Assert.NotNull(export["eligibility_statement"]!["confirmed_at"]);
        Assert.Equal("signup", Assert.Single(export["terms_acceptances"]!.AsArray())!["method"]!.GetValue<string>());
        var key = Assert.Single(export["keys"]!.AsArray())!;
        Assert.Equal("export-laptop", key["name"]!.GetValue<string>());
        Assert.Null(key["key"]);
        var ledgerTypes = export["ledger"]!.AsArray().Select(e => e!["type"]!.GetValue<string>()).ToList();
        Assert.Contains("top_up", ledgerTypes);
        Assert.Contains("usage", ledgerTypes);
        Assert.Single(export["usage"]!.AsArray());
        Assert.Equal(refund["id"]!.GetValue<string>(), Assert.Single(export["refunds"]!.AsArray())!["id"]!.GetValue<string>());
        var decision = Assert.Single(export["compliance_decisions"]!.AsArray(), d => d!["surface"]!.GetValue<string>() == "signup")!;
        Assert.Equal("allow", decision["outcome"]!.GetValue<string>());

        Assert.DoesNotContain(otherId.ToString(), text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(otherEmail, text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("other-customers-key", text, StringComparison.Ordinal);

        // No route takes an account id, so another customer's session only ever reaches its own account, and the
        // admin routes refuse a customer token.
        var otherExport = await other.PostAsync("/api/v1/account/export", null);
        Assert.DoesNotContain(AccountId.ToString(), await otherExport.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        using var adminView = await other.GetAsync($"/admin/v1/accounts/{AccountId}");
        await adminView.AssertStatusAsync(HttpStatusCode.Unauthorized);
        using var anonymous = await Anonymous.PostAsync("/api/v1/account/export", null);
        await anonymous.AssertStatusAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Closing_refunds_the_paid_balance_anonymises_the_account_and_ends_every_access()
    {
        var (_, otherId, other, _) = await NewCustomerAsync("bystander");
        var email = (await MyAccountAsync(Customer))["email"]!.GetValue<string>();
        var paymentIntent = await TopUpAsync("25");
        await PromotionalCreditAsync("5");
        var api = Fixture.App.CreateBearerClient(await Customer.CreateApiKeyAsync("closing"));

        using (var wrong = await Customer.PostJsonAsync("/api/v1/account/close", new { password = "not my password" }))
        {
            await wrong.AssertStatusAsync(HttpStatusCode.BadRequest);
            Assert.NotNull(await ErrorFieldAsync(wrong, "password"));
        }

        Assert.Equal("active", (await MyAccountAsync(Customer))["status"]!.GetValue<string>());
        using (var close = await Customer.PostJsonAsync("/api/v1/account/close", new { password = ApiClientExtensions.DefaultPassword }))
        {
            await close.AssertStatusAsync(HttpStatusCode.OK);
        }

        await WaitForMailAsync(email, "Your OmniaKey account is closed");
        await AssertSessionAsync(Customer, HttpStatusCode.Unauthorized);
        using (var models = await api.GetAsync("/v1/models"))
        {
            await models.AssertStatusAsync(HttpStatusCode.Forbidden);
        }

        using (var login = await Anonymous.PostJsonAsync("/api/v1/auth/login", new { email, password = ApiClientExtensions.DefaultPassword }))
        {
            await login.AssertStatusAsync(HttpStatusCode.Unauthorized);
        }

        // Termination without breach: the unused paid balance is refunded, promotional credit is not.
        var published = Assert.Single(Fixture.Terminations.Events);
        Assert.Equal((AccountId, false), (published.AccountId, published.MaterialBreach));
        using (var refunds = await Admin.GetAsync($"/admin/v1/refunds?account_id={AccountId}"))
        {
            var refund = Assert.Single((await refunds.ReadJsonNodeAsync())["data"]!.AsArray())!;
            Assert.Equal(("25", "approved", "termination"), (refund["amount_usd"]!.GetValue<string>(), refund["status"]!.GetValue<string>(), refund["origin"]!.GetValue<string>()));
            await RunRefundJobAsync(IdOf(refund));
        }

        Assert.Equal(2500L, Assert.Single(StripeApi.RefundsOf(paymentIntent)).AmountCents);
        Assert.Equal((Money.Parse("5"), Money.Zero), await BalanceAsync());
        await AssertLedgerBalancedAsync();
        Assert.Contains("top_up", (await LedgerAsync(Admin, $"/admin/v1/accounts/{AccountId}/ledger")).Select(e => e["type"]!.GetValue<string>()));

        using (var view = await Admin.GetAsync($"/admin/v1/accounts/{AccountId}"))
        {
            var account = await view.ReadJsonNodeAsync();
            Assert.Equal("terminated", account["status"]!.GetValue<string>());
            Assert.Equal($"closed-{AccountId:N}@closed.invalid", account["email"]!.GetValue<string>());
        }

        var stored = await StoredAccountAsync(AccountId);
        Assert.Null(stored.PasswordHash);
        Assert.Null(stored.EligibilityIp);
        Assert.NotNull(stored.ClosedAt);
        using (var byEmail = await Admin.GetAsync($"/admin/v1/accounts?email={Uri.EscapeDataString(email)}"))
        {
            Assert.Empty((await byEmail.ReadJsonNodeAsync())["data"]!.AsArray());
        }

        // The address is free again, and nobody else was touched.
        await Anonymous.SignUpAndLogInAsync(email);
        await AssertSessionAsync(other, HttpStatusCode.OK);
        Assert.Equal(otherId.ToString(), (await MyAccountAsync(other))["id"]!.GetValue<string>());
    }

    private async Task<(string? PasswordHash, string? EligibilityIp, DateTimeOffset? ClosedAt)> StoredAccountAsync(Guid id)
    {
        await using var scope = Fixture.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AccountsDbContext>();
        var account = await db.Accounts.AsNoTracking().SingleAsync(a => a.Id == id);
        return (account.PasswordHash, account.Eligibility?.IpAddress, account.ClosedAt);
    }
}

public sealed class SqliteExportAndCloseTests(SqliteSelfServiceFixture fixture)
    : ExportAndCloseTests<SqliteSelfServiceFixture>(fixture), IClassFixture<SqliteSelfServiceFixture>;

public sealed class PostgresExportAndCloseTests(PostgresSelfServiceFixture fixture)
    : ExportAndCloseTests<PostgresSelfServiceFixture>(fixture), IClassFixture<PostgresSelfServiceFixture>;
