using Microsoft.Extensions.Logging;
using OmniaKey.Application.Exceptions;
using OmniaKey.Application.Messaging;
using OmniaKey.Modules.Billing.Domain.Refunds;

namespace OmniaKey.Modules.Billing.Application.Refunds.DenyRefund;

/// <summary>Denying twice returns the hold once: the release is in the same transaction as the status change.</summary>
internal sealed partial class DenyRefundCommandHandler(IRefundStore refunds, TimeProvider clock, ILogger<DenyRefundCommandHandler> logger)
    : ICommandHandler<DenyRefundCommand, RefundDto>
{
    public async Task<RefundDto> Handle(DenyRefundCommand command, CancellationToken cancellationToken)
    {
        if (await refunds.TryDenyAsync(command.RefundId, clock.GetUtcNow(), cancellationToken))
        {
            LogDenied(command.RefundId);
        }

        var refund = await refunds.FindAsync(command.RefundId, cancellationToken)
            ?? throw new NotFoundException("refund_not_found", $"Refund {command.RefundId} does not exist.");
        return refund.Status == RefundStatus.Denied
            ? RefundDto.From(refund)
            : throw new ConflictException("refund_not_pending", $"Refund {refund.Id} is {refund.StatusName}; only a refund pending approval can be denied.");
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Refund {RefundId} denied; its hold returned to the available balance")]
    private partial void LogDenied(Guid refundId);
}
