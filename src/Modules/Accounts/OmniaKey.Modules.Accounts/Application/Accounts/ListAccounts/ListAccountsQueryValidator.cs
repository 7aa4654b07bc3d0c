using FluentValidation;
using OmniaKey.Modules.Accounts.Domain.Accounts;

namespace OmniaKey.Modules.Accounts.Application.Accounts.ListAccounts;

internal sealed class ListAccountsQueryValidator : AbstractValidator<ListAccountsQuery>
{
    public ListAccountsQueryValidator()
    {
        RuleFor(q => q.Email).MaximumLength(254);
        RuleFor(q => q.EmailPrefix).MaximumLength(254);
        RuleFor(q => q.Status)
            .Must(s => s is null || Enum.TryParse<AccountStatus>(s, ignoreCase: true, out _) && s.All(char.IsLetter))
            .WithMessage("must be one of active, suspended, terminated");
        RuleFor(q => q.Limit).InclusiveBetween(1, ListAccountsQuery.MaximumLimit).When(q => q.Limit is not null);
        RuleFor(q => q.Cursor).Must(c => AccountCursor.TryDecode(c, out _)).WithMessage("is not a cursor returned by this list");
    }
}
