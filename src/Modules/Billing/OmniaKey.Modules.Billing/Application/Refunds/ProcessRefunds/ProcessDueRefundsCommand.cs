using OmniaKey.Application.Messaging;

namespace OmniaKey.Modules.Billing.Application.Refunds.ProcessRefunds;

/// <summary>
/// The recurring sweep: processes every refund that is due — approved ones whose job never ran or whose retry time
/// has come, and processing ones whose worker's lease ran out. Returns how many it processed.
/// </summary>
internal sealed record ProcessDueRefundsCommand : ICommand<int>
{
    /// <summary>At most this many per run; the next run takes the rest.</summary>
    public const int BatchSize = 100;
}
