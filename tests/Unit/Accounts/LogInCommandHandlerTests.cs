using OmniaKey.Application.Exceptions;
using OmniaKey.Modules.Accounts.Application.Accounts.CreateAccount;
using OmniaKey.Modules.Accounts.Application.Accounts.LogIn;
using OmniaKey.Modules.Accounts.Application.Accounts.SignUp;
using OmniaKey.UnitTests.Support;
using Xunit;

namespace OmniaKey.UnitTests.Accounts;

public sealed class LogInCommandHandlerTests : ModuleTestBase
{
    private const string Password = "correct horse battery";

    [Fact]
    public async Task The_right_password_gives_a_session_token_for_the_account()
    {
        var account = await SignUpAsync("me@example.com");

        var session = await Host.SendAsync(new LogInCommand("ME@example.com", Password));

        Assert.Equal(account, session.AccountId);
        Assert.False(string.IsNullOrWhiteSpace(session.AccessToken));
        Assert.DoesNotContain(account.ToString(), session.AccessToken, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(ModuleTestHost.Start + TimeSpan.FromHours(12), session.ExpiresAt);
    }

    [Fact]
    public async Task A_wrong_password_and_an_unknown_email_get_the_same_answer()
    {
        await SignUpAsync("me@example.com");

        var wrongPassword = await Assert.ThrowsAsync<UnauthorizedException>(() => Host.SendAsync(new LogInCommand("me@example.com", Password + "x")));
        var unknownEmail = await Assert.ThrowsAsync<UnauthorizedException>(() => Host.SendAsync(new LogInCommand("who@example.com", Password)));

        Assert.Equal("invalid_credentials", wrongPassword.Code);
        Assert.Equal(wrongPassword.Code, unknownEmail.Code);
        Assert.Equal(wrongPassword.Message, unknownEmail.Message);
    }

    [Fact]
    public async Task An_account_opened_by_an_operator_has_no_password_to_log_in_with()
    {
        await Host.SendAsync(new CreateAccountCommand("ops-made@example.com", "DE"));

        var error = await Assert.ThrowsAsync<UnauthorizedException>(() => Host.SendAsync(new LogInCommand("ops-made@example.com", Password)));

        Assert.Equal("invalid_credentials", error.Code);
    }

    [Fact]
    public async Task Empty_credentials_are_refused_by_validation()
    {
        var error = await Assert.ThrowsAsync<RequestValidationException>(() => Host.SendAsync(new LogInCommand("", "")));

        Assert.Equal(["email", "password"], error.Errors.Select(e => e.Field).Order(StringComparer.Ordinal));
    }

    private async Task<Guid> SignUpAsync(string email) =>
        (await Host.SendAsync(new SignUpCommand(email, Password, "US", "2026-05-30", true, null))).Id;
}
