using OmniaKey.Application.Messaging;
using OmniaKey.Modules.Billing.Domain.Refunds;

namespace OmniaKey.Modules.Billing.Application.Terminations.ListTerminationRemainders;

internal sealed class ListTerminationRemaindersQueryHandler(ITerminationSettlements settlements)
    : IQueryHandler<ListTerminationRemaindersQuery, IReadOnlyList<Guid>>
{
    public Task<IReadOnlyList<Guid>> Handle(ListTerminationRemaindersQuery query, CancellationToken cancellationToken) =>
        settlements.ListWithMoneyLeftAsync(query.SettledSince, cancellationToken);
}
