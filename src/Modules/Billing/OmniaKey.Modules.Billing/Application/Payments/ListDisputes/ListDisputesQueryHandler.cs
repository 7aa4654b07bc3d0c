using OmniaKey.Application.Messaging;
using OmniaKey.Modules.Billing.Domain.Payments;

namespace OmniaKey.Modules.Billing.Application.Payments.ListDisputes;

internal sealed class ListDisputesQueryHandler(ITopUpRepository topUps) : IQueryHandler<ListDisputesQuery, PageDto<DisputeDto>>
{
    public async Task<PageDto<DisputeDto>> Handle(ListDisputesQuery query, CancellationToken cancellationToken)
    {
        var disputes = await topUps.ListDisputesAsync(query.AccountId, cancellationToken);
        return new PageDto<DisputeDto>(
            disputes.Select(d => new DisputeDto(
                    d.Id,
                    d.AccountId,
                    d.ChargeId,
                    d.Amount.ToString(),
                    d.ClawedBack.ToString(),
                    d.Uncollected.ToString(),
                    d.Reason,
                    d.CreatedAt,
                    d.Status,
                    d.ClosedAt))
                .ToList(),
            null);
    }
}
