using FluentValidation;

namespace OmniaKey.Modules.Billing.Application.Ledger.ListLedger;

internal sealed class ListLedgerQueryValidator : AbstractValidator<ListLedgerQuery>
{
    public ListLedgerQueryValidator()
    {
        RuleFor(q => q.Limit).InclusiveBetween(1, ListLedgerQuery.MaximumLimit).When(q => q.Limit is not null);
        RuleFor(q => q.Cursor)
            .Must(c => LedgerCursor.TryDecode(c, out _))
            .WithMessage("is not a cursor returned by this list");
    }
}
