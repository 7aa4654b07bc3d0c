using Microsoft.Extensions.Logging;
using OmniaKey.Application.Messaging;
using OmniaKey.Modules.Billing.Domain.Refunds;

namespace OmniaKey.Modules.Billing.Application.Refunds.ProcessRefunds;

/// <summary>
/// One refund's unexpected error does not stop the others: it is logged, and the refund's lease runs out so that a
/// later sweep tries it again (its attempts are counted, so this cannot go on for ever).
/// </summary>
internal sealed partial class ProcessDueRefundsCommandHandler(
    IRefundStore refunds,
    RefundProcessor processor,
    TimeProvider clock,
    ILogger<ProcessDueRefundsCommandHandler> logger) : ICommandHandler<ProcessDueRefundsCommand, int>
{
    public async Task<int> Handle(ProcessDueRefundsCommand command, CancellationToken cancellationToken)
    {
        var processed = 0;
        foreach (var refundId in await refunds.ListDueAsync(clock.GetUtcNow(), ProcessDueRefundsCommand.BatchSize, cancellationToken))
        {
            try
            {
                if (await processor.ProcessAsync(refundId, cancellationToken))
                {
                    processed++;
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogRefundError(e, refundId);
            }
        }

        return processed;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Refund {RefundId} could not be processed; a later sweep tries again")]
    private partial void LogRefundError(Exception exception, Guid refundId);
}
