using OmniaKey.Modules.Accounts.Application.Accounts.SignUp;
using OmniaKey.UnitTests.Support;
using Xunit;

namespace OmniaKey.UnitTests.Accounts;

public sealed class SignUpCommandValidatorTests
{
    private static readonly SignUpCommandValidator Validator = new();

    private static readonly SignUpCommand Good = new("me@example.com", "a long password", "US", "2026-05-30", true, "203.0.113.7");

    [Fact]
    public void A_complete_sign_up_is_valid() => ValidationAssert.Valid(Validator, Good);

    [Fact]
    public void The_ip_address_is_optional() => ValidationAssert.Valid(Validator, Good with { IpAddress = null });

    [Theory]
    [InlineData("", "NotEmptyValidator")]
    [InlineData("   ", "NotEmptyValidator")]
    [InlineData("not-an-email", "EmailValidator")]
    [InlineData("@example.com", "EmailValidator")]
    public void An_invalid_email_is_refused(string email, string errorCode) =>
        ValidationAssert.Invalid(Validator, Good with { Email = email }, nameof(SignUpCommand.Email), errorCode);

    [Fact]
    public void An_email_longer_than_254_characters_is_refused() =>
        ValidationAssert.Invalid(Validator, Good with { Email = new string('a', 243) + "@example.com" }, nameof(SignUpCommand.Email), "MaximumLengthValidator");

    [Fact]
    public void An_email_of_exactly_254_characters_is_accepted() =>
        ValidationAssert.Valid(Validator, Good with { Email = new string('a', 242) + "@example.com" });

    [Theory]
    [InlineData("", "NotEmptyValidator")]
    [InlineData("123456789", "MinimumLengthValidator")]
    public void A_short_password_is_refused(string password, string errorCode) =>
        ValidationAssert.Invalid(Validator, Good with { Password = password }, nameof(SignUpCommand.Password), errorCode);

    [Fact]
    public void A_password_of_ten_to_two_hundred_characters_is_accepted()
    {
        ValidationAssert.Valid(Validator, Good with { Password = new string('p', 10) });
        ValidationAssert.Valid(Validator, Good with { Password = new string('p', 200) });
    }

    [Fact]
    public void A_password_over_two_hundred_characters_is_refused() =>
        ValidationAssert.Invalid(Validator, Good with { Password = new string('p', 201) }, nameof(SignUpCommand.Password), "MaximumLengthValidator");

    [Theory]
    [InlineData("USA")]
    [InlineData("U")]
    [InlineData("U1")]
    [InlineData("U S")]
    public void A_country_that_is_not_an_alpha_2_code_is_refused(string country)
    {
        var error = ValidationAssert.Invalid(Validator, Good with { Country = country }, nameof(SignUpCommand.Country), "RegularExpressionValidator");
        Assert.Contains("ISO 3166-1 alpha-2", error.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_country_is_refused() =>
        ValidationAssert.Invalid(Validator, Good with { Country = "" }, nameof(SignUpCommand.Country), "NotEmptyValidator");

    [Fact]
    public void A_lower_case_country_code_is_accepted() => ValidationAssert.Valid(Validator, Good with { Country = "hk" });

    [Theory]
    [InlineData("", "NotEmptyValidator")]
    [InlineData("2026-05-30-and-a-much-longer-suffix", "MaximumLengthValidator")]
    public void An_invalid_terms_version_is_refused(string version, string errorCode) =>
        ValidationAssert.Invalid(Validator, Good with { TermsVersion = version }, nameof(SignUpCommand.TermsVersion), errorCode);

    [Fact]
    public void Sign_up_without_the_eligibility_statement_is_refused_with_the_reason()
    {
        var error = ValidationAssert.Invalid(Validator, Good with { EligibilityConfirmed = false }, nameof(SignUpCommand.EligibilityConfirmed), "EqualValidator");
        Assert.Contains("Restricted Territory", error.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_invalid_field_is_reported_at_once()
    {
        var result = Validator.Validate(new SignUpCommand("", "", "", "", false, null));

        Assert.Equal(
            ["Country", "EligibilityConfirmed", "Email", "Password", "TermsVersion"],
            result.Errors.Select(e => e.PropertyName).Distinct().Order(StringComparer.Ordinal));
    }
}
