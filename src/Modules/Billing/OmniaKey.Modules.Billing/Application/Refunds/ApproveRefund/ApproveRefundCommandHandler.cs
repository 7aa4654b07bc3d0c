using Microsoft.Extensions.Logging;
using OmniaKey.Application.Exceptions;
using OmniaKey.Application.Messaging;
using OmniaKey.Modules.Billing.Domain.Refunds;

namespace OmniaKey.Modules.Billing.Application.Refunds.ApproveRefund;

/// <summary>
/// The approval is a conditional update, committed before the job is enqueued, so the job always finds the refund
/// approved; of two concurrent approvals one enqueues, and the other finds it approved already.
/// </summary>
internal sealed partial class ApproveRefundCommandHandler(IRefundStore refunds, IRefundQueue queue, TimeProvider clock, ILogger<ApproveRefundCommandHandler> logger)
    : ICommandHandler<ApproveRefundCommand, RefundDto>
{
    public async Task<RefundDto> Handle(ApproveRefundCommand command, CancellationToken cancellationToken)
    {
        if (await refunds.TryApproveAsync(command.RefundId, clock.GetUtcNow(), cancellationToken))
        {
            LogApproved(command.RefundId);
            queue.Enqueue(command.RefundId);
        }

        var refund = await refunds.FindAsync(command.RefundId, cancellationToken)
            ?? throw new NotFoundException("refund_not_found", $"Refund {command.RefundId} does not exist.");
        return refund.Status is RefundStatus.PendingApproval or RefundStatus.Denied
            ? throw new ConflictException("refund_not_pending", $"Refund {refund.Id} is {refund.StatusName}; only a refund pending approval can be approved.")
            : RefundDto.From(refund);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Refund {RefundId} approved; processing enqueued")]
    private partial void LogApproved(Guid refundId);
}
