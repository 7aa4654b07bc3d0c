using OmniaKey.Application.Messaging;
using OmniaKey.Modules.Billing.Application.Refunds.ProcessRefunds;

namespace OmniaKey.Modules.Billing.Infrastructure.Jobs;

/// <summary>The recurring sweep <c>billing.process-refunds</c>: whatever is due — retries, missed enqueues, dead workers.</summary>
internal sealed class ProcessRefundsJob(IDispatcher dispatcher)
{
    public const string RecurringJobId = "billing.process-refunds";

    /// <summary>Every five minutes; retries back off from one minute, so a retry waits at most a sweep longer.</summary>
    public const string Schedule = "*/5 * * * *";

    public Task RunAsync(CancellationToken cancellationToken) =>
        dispatcher.Send(new ProcessDueRefundsCommand(), cancellationToken);
}
