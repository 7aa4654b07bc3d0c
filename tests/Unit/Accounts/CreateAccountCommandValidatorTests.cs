using OmniaKey.Modules.Accounts.Application.Accounts.CreateAccount;
using OmniaKey.UnitTests.Support;
using Xunit;

namespace OmniaKey.UnitTests.Accounts;

public sealed class CreateAccountCommandValidatorTests
{
    private static readonly CreateAccountCommandValidator Validator = new();

    [Fact]
    public void An_email_and_a_country_code_are_enough() =>
        ValidationAssert.Valid(Validator, new CreateAccountCommand("ops@example.com", "DE"));

    [Theory]
    [InlineData("", "NotEmptyValidator")]
    [InlineData("ops.example.com", "EmailValidator")]
    public void An_invalid_email_is_refused(string email, string errorCode) =>
        ValidationAssert.Invalid(Validator, new CreateAccountCommand(email, "DE"), nameof(CreateAccountCommand.Email), errorCode);

    [Theory]
    [InlineData("", "NotEmptyValidator")]
    [InlineData("DEU", "RegularExpressionValidator")]
    [InlineData("1", "RegularExpressionValidator")]
    public void An_invalid_country_is_refused(string country, string errorCode) =>
        ValidationAssert.Invalid(Validator, new CreateAccountCommand("ops@example.com", country), nameof(CreateAccountCommand.Country), errorCode);
}
