using System.Net;
using OmniaKey.IntegrationTests.Infrastructure;
using Xunit;

namespace OmniaKey.IntegrationTests.Accounts.SelfService;

/// <summary>Every log line (Trace level, every category, structured values and exceptions) stays free of secrets.</summary>
public abstract class SecretsInLogsTests<TFixture>(TFixture fixture) : SelfServiceTestBase<TFixture>(fixture)
    where TFixture : SelfServiceFixture
{
    [Fact]
    public async Task Sign_up_log_in_verification_reset_and_keys_log_no_password_token_or_key()
    {
        Fixture.Logs.Clear();
        const string Password = "log-probe password 7f3a9c";
        const string NewPassword = "log-probe new password 2b8e1d";
        var email = ApiClientExtensions.NewEmail("logs");

        var (_, accessToken) = await Anonymous.SignUpAndLogInAsync(email, Password);
        var customer = Fixture.App.CreateBearerClient(accessToken);
        var verification = TokenIn(await WaitForMailAsync(email, "Verify"));
        using (var verify = await Anonymous.PostJsonAsync("/api/v1/auth/verify-email", new { token = verification }))
        {
            await verify.AssertStatusAsync(HttpStatusCode.OK);
        }

        var apiKey = await customer.CreateApiKeyAsync("logged");
        using (var failedLogIn = await Anonymous.PostJsonAsync("/api/v1/auth/login", new { email, password = Password + "x" }))
        {
            await failedLogIn.AssertStatusAsync(HttpStatusCode.Unauthorized);
        }

        using (var reset = await Anonymous.PostJsonAsync("/api/v1/auth/password-reset", new { email }))
        {
            await reset.AssertStatusAsync(HttpStatusCode.Accepted);
        }

        var resetToken = TokenIn(await WaitForMailAsync(email, "Reset"));
        using (var confirm = await Anonymous.PostJsonAsync("/api/v1/auth/password-reset/confirm", new { token = resetToken, new_password = NewPassword }))
        {
            await confirm.AssertStatusAsync(HttpStatusCode.NoContent);
        }

        var (_, secondToken) = await Anonymous.LogInAsync(email, NewPassword);
        using (var logout = await Fixture.App.CreateBearerClient(secondToken).PostAsync("/api/v1/auth/logout", null))
        {
            await logout.AssertStatusAsync(HttpStatusCode.NoContent);
        }

        var entries = Fixture.Logs.Entries;
        Assert.NotEmpty(entries);
        foreach (var secret in new[] { Password, NewPassword, verification, resetToken, accessToken, secondToken, apiKey })
        {
            Assert.DoesNotContain(entries, e => e.Contains(secret, StringComparison.Ordinal));
        }
    }
}

public sealed class SqliteSecretsInLogsTests(SqliteSelfServiceFixture fixture)
    : SecretsInLogsTests<SqliteSelfServiceFixture>(fixture), IClassFixture<SqliteSelfServiceFixture>;
