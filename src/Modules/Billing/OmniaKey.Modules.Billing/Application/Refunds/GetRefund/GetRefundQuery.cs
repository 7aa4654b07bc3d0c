using OmniaKey.Application.Exceptions;
using OmniaKey.Application.Messaging;
using OmniaKey.Modules.Billing.Domain.Refunds;

namespace OmniaKey.Modules.Billing.Application.Refunds.GetRefund;

/// <summary>One refund, for operators (<c>GET /admin/v1/refunds/{id}</c>, and the audit trail's "before").</summary>
internal sealed record GetRefundQuery(Guid RefundId) : IQuery<RefundDto>;

internal sealed class GetRefundQueryHandler(IRefundStore refunds) : IQueryHandler<GetRefundQuery, RefundDto>
{
    public async Task<RefundDto> Handle(GetRefundQuery query, CancellationToken cancellationToken) =>
        RefundDto.From(await refunds.FindAsync(query.RefundId, cancellationToken)
            ?? throw new NotFoundException("refund_not_found", $"Refund {query.RefundId} does not exist."));
}
