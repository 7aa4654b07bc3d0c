using OmniaKey.Application.Messaging;
using OmniaKey.Modules.Billing.Application.Refunds.ProcessRefunds;

namespace OmniaKey.Modules.Billing.Infrastructure.Jobs;

/// <summary>Enqueued when a refund is approved, so it is paid back at once rather than at the next sweep.</summary>
internal sealed class ProcessRefundJob(IDispatcher dispatcher)
{
    public Task RunAsync(Guid refundId, CancellationToken cancellationToken) =>
        dispatcher.Send(new ProcessRefundCommand(refundId), cancellationToken);
}
