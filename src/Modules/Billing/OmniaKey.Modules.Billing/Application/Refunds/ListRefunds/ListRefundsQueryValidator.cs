using FluentValidation;
using OmniaKey.Modules.Billing.Application.Ledger;
using OmniaKey.Modules.Billing.Domain.Refunds;

namespace OmniaKey.Modules.Billing.Application.Refunds.ListRefunds;

internal sealed class ListRefundsQueryValidator : AbstractValidator<ListRefundsQuery>
{
    public ListRefundsQueryValidator()
    {
        RuleFor(q => q.Limit).InclusiveBetween(1, ListRefundsQuery.MaximumLimit).When(q => q.Limit is not null);
        RuleFor(q => q.Cursor)
            .Must(c => LedgerCursor.TryDecode(c, out _))
            .WithMessage("is not a cursor returned by this list");
        RuleFor(q => q.Status)
            .Must(s => ListRefundsQueryHandler.TryParseStatus(s, out _))
            .WithMessage($"must be one of {string.Join(", ", Enum.GetValues<RefundStatus>().Select(Refund.Name))}")
            .When(q => q.Status is not null);
    }
}
