using System.Net;
using OmniaKey.IntegrationTests.Infrastructure;
using Xunit;

namespace OmniaKey.IntegrationTests.Accounts.SelfService;

/// <summary>
/// E-mail verification, password reset and the operator's invitation, through a real SMTP server: single-use hashed
/// tokens with an expiry, the same answer for unknown addresses, and sessions ended by a new password.
/// </summary>
public abstract class VerificationAndPasswordTests<TFixture>(TFixture fixture) : SelfServiceTestBase<TFixture>(fixture)
    where TFixture : SelfServiceFixture
{
    private const string NewPassword = "a brand new passphrase";

    [Fact]
    public async Task Sign_up_mails_a_single_use_verification_token_and_log_in_and_keys_work_before_it_is_used()
    {
        var (email, id, customer, _) = await NewCustomerAsync();
        var mail = await WaitForMailAsync(email, "Verify your OmniaKey e-mail address");
        var token = TokenIn(mail);
        Assert.Contains($"{SelfServiceFixture.PublicBaseUrl}/dashboard/verify-email?token=", mail.TextBody, StringComparison.Ordinal);

        var before = await MyAccountAsync(customer);
        Assert.False(before["email_verified"]!.GetValue<bool>());
        Assert.Equal((id.ToString(), email, "active", "US", ApiClientExtensions.TermsVersion),
            (before["id"]!.GetValue<string>(), before["email"]!.GetValue<string>(), before["status"]!.GetValue<string>(), before["country"]!.GetValue<string>(), before["terms_version"]!.GetValue<string>()));
        Assert.NotNull(before["created_at"]);
        await customer.CreateApiKeyAsync("before verification");

        using (var verify = await Anonymous.PostJsonAsync("/api/v1/auth/verify-email", new { token }))
        {
            await verify.AssertStatusAsync(HttpStatusCode.OK);
        }

        Assert.True((await MyAccountAsync(customer))["email_verified"]!.GetValue<bool>());
        using (var again = await Anonymous.PostJsonAsync("/api/v1/auth/verify-email", new { token }))
        {
            await again.AssertStatusAsync(HttpStatusCode.BadRequest);
            Assert.NotNull(await ErrorFieldAsync(again, "token"));
        }

        using var resend = await customer.PostAsync("/api/v1/account/verification", null);
        await resend.AssertStatusAsync(HttpStatusCode.Conflict);
        Assert.Equal("email_already_verified", (await resend.ReadJsonNodeAsync())["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task Verification_tokens_expire_and_a_resend_is_throttled_and_supersedes_the_earlier_token()
    {
        var (email, id, customer, _) = await NewCustomerAsync();
        var first = TokenIn(await WaitForMailAsync(email, "Verify"));

        using (var tooSoon = await customer.PostAsync("/api/v1/account/verification", null))
        {
            await tooSoon.AssertStatusAsync(HttpStatusCode.Conflict);
            Assert.Equal("verification_recently_sent", (await tooSoon.ReadJsonNodeAsync())["code"]!.GetValue<string>());
        }

        // Three days later the first token has expired (two days' lifetime) and a new one may be asked for.
        await ShiftTokenTimesAsync(id, TimeSpan.FromDays(-3));
        using (var expired = await Anonymous.PostJsonAsync("/api/v1/auth/verify-email", new { token = first }))
        {
            await expired.AssertStatusAsync(HttpStatusCode.BadRequest);
        }

        using (var resend = await customer.PostAsync("/api/v1/account/verification", null))
        {
            await resend.AssertStatusAsync(HttpStatusCode.Accepted);
        }

        // The SMTP server keeps messages unordered: the new one is the one that is not the first.
        await WaitForMailAsync(email, "Verify", count: 2);
        var second = Assert.Single(MailTo(email, "Verify").Select(TokenIn), t => t != first);
        using (var verify = await Anonymous.PostJsonAsync("/api/v1/auth/verify-email", new { token = second }))
        {
            await verify.AssertStatusAsync(HttpStatusCode.OK);
        }

        Assert.True((await MyAccountAsync(customer))["email_verified"]!.GetValue<bool>());
        using var missing = await Anonymous.PostJsonAsync("/api/v1/auth/verify-email", new { });
        await missing.AssertStatusAsync(HttpStatusCode.BadRequest);
        Assert.NotNull(await ErrorFieldAsync(missing, "token"));
    }

    [Fact]
    public async Task Password_reset_answers_alike_for_unknown_addresses_and_ends_old_sessions()
    {
        var (email, _, customer, _) = await NewCustomerAsync();
        await WaitForMailAsync(email, "Verify");
        var unknown = ApiClientExtensions.NewEmail("nobody");

        using var forUnknown = await Anonymous.PostJsonAsync("/api/v1/auth/password-reset", new { email = unknown });
        using var forKnown = await Anonymous.PostJsonAsync("/api/v1/auth/password-reset", new { email = email.ToUpperInvariant() });
        await forUnknown.AssertStatusAsync(HttpStatusCode.Accepted);
        await forKnown.AssertStatusAsync(HttpStatusCode.Accepted);
        Assert.Equal(await forKnown.Content.ReadAsStringAsync(), await forUnknown.Content.ReadAsStringAsync());

        var token = TokenIn(await WaitForMailAsync(email, "Reset your OmniaKey password"));
        Assert.DoesNotContain(Fixture.ReceivedMail(), m => m.To.Mailboxes.Any(a => a.Address == unknown));

        using (var weak = await Anonymous.PostJsonAsync("/api/v1/auth/password-reset/confirm", new { token, new_password = "short" }))
        {
            await weak.AssertStatusAsync(HttpStatusCode.BadRequest);
            Assert.NotNull(await ErrorFieldAsync(weak, "new_password"));
        }

        using (var confirm = await Anonymous.PostJsonAsync("/api/v1/auth/password-reset/confirm", new { token, new_password = NewPassword }))
        {
            await confirm.AssertStatusAsync(HttpStatusCode.NoContent);
        }

        await AssertSessionAsync(customer, HttpStatusCode.Unauthorized);
        using (var reuse = await Anonymous.PostJsonAsync("/api/v1/auth/password-reset/confirm", new { token, new_password = "yet another passphrase" }))
        {
            await reuse.AssertStatusAsync(HttpStatusCode.BadRequest);
        }

        using (var oldPassword = await Anonymous.PostJsonAsync("/api/v1/auth/login", new { email, password = ApiClientExtensions.DefaultPassword }))
        {
            await oldPassword.AssertStatusAsync(HttpStatusCode.Unauthorized);
        }

        var (_, fresh) = await Anonymous.LogInAsync(email, NewPassword);
        var account = await MyAccountAsync(Fixture.App.CreateBearerClient(fresh));
        Assert.True(account["email_verified"]!.GetValue<bool>());
    }

    [Fact]
    public async Task A_reset_token_expires_after_an_hour()
    {
        var (email, id, _, _) = await NewCustomerAsync();
        using (var request = await Anonymous.PostJsonAsync("/api/v1/auth/password-reset", new { email }))
        {
            await request.AssertStatusAsync(HttpStatusCode.Accepted);
        }

        var token = TokenIn(await WaitForMailAsync(email, "Reset"));
        await ShiftTokenTimesAsync(id, TimeSpan.FromMinutes(-61));
        using var expired = await Anonymous.PostJsonAsync("/api/v1/auth/password-reset/confirm", new { token, new_password = NewPassword });
        await expired.AssertStatusAsync(HttpStatusCode.BadRequest);
        await Anonymous.LogInAsync(email);
    }

    [Fact]
    public async Task Changing_the_password_ends_every_other_session_and_answers_a_fresh_token()
    {
        var (email, _, customer, _) = await NewCustomerAsync();
        var (_, other) = await Anonymous.LogInAsync(email);
        var otherDevice = Fixture.App.CreateBearerClient(other);

        using (var wrong = await customer.PostJsonAsync("/api/v1/account/password", new { current_password = "not the password", new_password = NewPassword }))
        {
            await wrong.AssertStatusAsync(HttpStatusCode.BadRequest);
            Assert.NotNull(await ErrorFieldAsync(wrong, "current_password"));
        }

        await AssertSessionAsync(otherDevice, HttpStatusCode.OK);
        using var change = await customer.PostJsonAsync("/api/v1/account/password", new { current_password = ApiClientExtensions.DefaultPassword, new_password = NewPassword });
        await change.AssertStatusAsync(HttpStatusCode.OK);
        var fresh = (await change.ReadJsonNodeAsync())["access_token"]!.GetValue<string>();

        await AssertSessionAsync(otherDevice, HttpStatusCode.Unauthorized);
        await AssertSessionAsync(customer, HttpStatusCode.Unauthorized);
        await AssertSessionAsync(Fixture.App.CreateBearerClient(fresh), HttpStatusCode.OK);
        await Anonymous.LogInAsync(email, NewPassword);
    }

    [Fact]
    public async Task An_operator_created_account_logs_in_after_setting_its_password_from_the_invitation()
    {
        var email = ApiClientExtensions.NewEmail("invited");
        var id = await Admin.CreateAccountAsync(email);
        using (var cannot = await Anonymous.PostJsonAsync("/api/v1/auth/login", new { email, password = NewPassword }))
        {
            await cannot.AssertStatusAsync(HttpStatusCode.Unauthorized);
        }

        using (var invite = await Admin.PostAsync($"/admin/v1/accounts/{id}/invitation", null))
        {
            await invite.AssertStatusAsync(HttpStatusCode.Accepted);
        }

        var mail = await WaitForMailAsync(email, "You are invited to OmniaKey");
        Assert.Contains("/dashboard/set-password?token=", mail.TextBody, StringComparison.Ordinal);
        using (var byCustomer = await Customer.PostAsync($"/admin/v1/accounts/{id}/invitation", null))
        {
            await byCustomer.AssertStatusAsync(HttpStatusCode.Unauthorized);
        }

        using (var set = await Anonymous.PostJsonAsync("/api/v1/auth/password-reset/confirm", new { token = TokenIn(mail), new_password = NewPassword }))
        {
            await set.AssertStatusAsync(HttpStatusCode.NoContent);
        }

        var (accountId, token) = await Anonymous.LogInAsync(email, NewPassword);
        Assert.Equal(id, accountId);
        Assert.True((await MyAccountAsync(Fixture.App.CreateBearerClient(token)))["email_verified"]!.GetValue<bool>());

        using var again = await Admin.PostAsync($"/admin/v1/accounts/{id}/invitation", null);
        await again.AssertStatusAsync(HttpStatusCode.Conflict);
        Assert.Equal("password_already_set", (await again.ReadJsonNodeAsync())["code"]!.GetValue<string>());
        using var unknown = await Admin.PostAsync($"/admin/v1/accounts/{Guid.NewGuid()}/invitation", null);
        await unknown.AssertStatusAsync(HttpStatusCode.NotFound);
    }
}

public sealed class SqliteVerificationAndPasswordTests(SqliteSelfServiceFixture fixture)
    : VerificationAndPasswordTests<SqliteSelfServiceFixture>(fixture), IClassFixture<SqliteSelfServiceFixture>;

public sealed class PostgresVerificationAndPasswordTests(PostgresSelfServiceFixture fixture)
    : VerificationAndPasswordTests<PostgresSelfServiceFixture>(fixture), IClassFixture<PostgresSelfServiceFixture>;
