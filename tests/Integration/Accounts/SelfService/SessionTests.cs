using System.Net;
using OmniaKey.IntegrationTests.Infrastructure;
using Xunit;

namespace OmniaKey.IntegrationTests.Accounts.SelfService;

/// <summary>Log-out of one token or all of them, and sessions ended by suspension and termination.</summary>
public abstract class SessionTests<TFixture>(TFixture fixture) : SelfServiceTestBase<TFixture>(fixture)
    where TFixture : SelfServiceFixture
{
    [Fact]
    public async Task Logout_ends_only_the_token_that_asked()
    {
        var (email, _, laptop, _) = await NewCustomerAsync();
        var (_, phoneToken) = await Anonymous.LogInAsync(email);
        var phone = Fixture.App.CreateBearerClient(phoneToken);

        using (var logout = await laptop.PostAsync("/api/v1/auth/logout", null))
        {
            await logout.AssertStatusAsync(HttpStatusCode.NoContent);
        }

        await AssertSessionAsync(laptop, HttpStatusCode.Unauthorized);
        await AssertSessionAsync(phone, HttpStatusCode.OK);
        using (var again = await laptop.PostAsync("/api/v1/auth/logout", null))
        {
            await again.AssertStatusAsync(HttpStatusCode.Unauthorized);
        }

        using var anonymous = await Anonymous.PostAsync("/api/v1/auth/logout", null);
        await anonymous.AssertStatusAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Logout_all_ends_every_token_and_a_new_log_in_works()
    {
        var (email, _, laptop, _) = await NewCustomerAsync();
        var (_, phoneToken) = await Anonymous.LogInAsync(email);
        var phone = Fixture.App.CreateBearerClient(phoneToken);
        var (_, _, stranger, _) = await NewCustomerAsync("stranger");

        using (var logout = await phone.PostAsync("/api/v1/auth/logout-all", null))
        {
            await logout.AssertStatusAsync(HttpStatusCode.NoContent);
        }

        await AssertSessionAsync(laptop, HttpStatusCode.Unauthorized);
        await AssertSessionAsync(phone, HttpStatusCode.Unauthorized);
        await AssertSessionAsync(stranger, HttpStatusCode.OK);
        var (_, fresh) = await Anonymous.LogInAsync(email);
        await AssertSessionAsync(Fixture.App.CreateBearerClient(fresh), HttpStatusCode.OK);
    }

    [Fact]
    public async Task Suspension_ends_sessions_and_termination_ends_them_for_good()
    {
        var (email, id, customer, _) = await NewCustomerAsync();
        using (var suspend = await Admin.PostAsync($"/admin/v1/accounts/{id}/suspend", null))
        {
            await suspend.AssertSuccessAsync();
        }

        await AssertSessionAsync(customer, HttpStatusCode.Unauthorized);

        // A suspended customer may still sign in (to see the account or ask for a refund); the old token stays dead.
        var (_, afterSuspension) = await Anonymous.LogInAsync(email);
        var signedInAgain = Fixture.App.CreateBearerClient(afterSuspension);
        Assert.Equal("suspended", (await MyAccountAsync(signedInAgain))["status"]!.GetValue<string>());
        await AssertSessionAsync(customer, HttpStatusCode.Unauthorized);

        using (var terminate = await Admin.PostJsonAsync($"/admin/v1/accounts/{id}/terminate", new { reason = "test", material_breach = false }))
        {
            await terminate.AssertSuccessAsync();
        }

        await AssertSessionAsync(signedInAgain, HttpStatusCode.Unauthorized);
        using var login = await Anonymous.PostJsonAsync("/api/v1/auth/login", new { email, password = ApiClientExtensions.DefaultPassword });
        await login.AssertStatusAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_forged_or_tampered_token_is_refused()
    {
        var (_, _, _, token) = await NewCustomerAsync();
        await AssertSessionAsync(Fixture.App.CreateBearerClient(token[..^4] + "AAAA"), HttpStatusCode.Unauthorized);
        await AssertSessionAsync(Fixture.App.CreateBearerClient("not-a-token"), HttpStatusCode.Unauthorized);
    }
}

public sealed class SqliteSessionTests(SqliteSelfServiceFixture fixture)
    : SessionTests<SqliteSelfServiceFixture>(fixture), IClassFixture<SqliteSelfServiceFixture>;

public sealed class PostgresSessionTests(PostgresSelfServiceFixture fixture)
    : SessionTests<PostgresSelfServiceFixture>(fixture), IClassFixture<PostgresSelfServiceFixture>;
