using FluentValidation;

namespace OmniaKey.Modules.Accounts.Application.Accounts;

/// <summary>Field rules shared by the sign-up and operator account-creation validators.</summary>
internal static class AccountRules
{
    public static IRuleBuilderOptions<T, string> ValidEmail<T>(this IRuleBuilder<T, string> rule) =>
        rule.NotEmpty().MaximumLength(254).EmailAddress();

    public static IRuleBuilderOptions<T, string> ValidCountry<T>(this IRuleBuilder<T, string> rule) =>
        rule.NotEmpty().Matches("^[A-Za-z]{2}$").WithMessage("must be an ISO 3166-1 alpha-2 country code such as \"US\"");
}
