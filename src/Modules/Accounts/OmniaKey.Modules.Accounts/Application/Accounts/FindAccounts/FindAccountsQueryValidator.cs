using FluentValidation;

namespace OmniaKey.Modules.Accounts.Application.Accounts.FindAccounts;

internal sealed class FindAccountsQueryValidator : AbstractValidator<FindAccountsQuery>
{
    public FindAccountsQueryValidator() => RuleFor(q => q.Email).NotEmpty().MaximumLength(254);
}
