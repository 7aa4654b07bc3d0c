using OmniaKey.Infrastructure.Startup;

namespace OmniaKey.Modules.Billing.Infrastructure.GroupCommit;

/// <summary>The batches' warm-up, run in the background at start-up (<see cref="IBillingBatchSql.WarmAsync"/>).</summary>
internal sealed class BillingBatchWarmup(IBillingBatchSql sql) : IStartupWarmup
{
    public Task WarmAsync(CancellationToken cancellationToken) => sql.WarmAsync(cancellationToken);
}
