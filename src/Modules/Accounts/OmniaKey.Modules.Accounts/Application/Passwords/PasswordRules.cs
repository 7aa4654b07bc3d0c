using FluentValidation;

namespace OmniaKey.Modules.Accounts.Application.Passwords;

internal static class PasswordRules
{
    /// <summary>The same rule as at sign-up.</summary>
    public static IRuleBuilderOptions<T, string> ValidNewPassword<T>(this IRuleBuilder<T, string> rule) =>
        rule.NotEmpty().MinimumLength(10).MaximumLength(200);
}
