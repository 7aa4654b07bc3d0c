using OmniaKey.Modules.Billing.Contracts;
using OmniaKey.Modules.Routing.Infrastructure.Usage;

namespace OmniaKey.Modules.Routing.Infrastructure.Relay;

/// <summary>
/// What a call that was sent upstream is charged when the provider's usage cannot be obtained (the upstream broke or
/// the deadline passed): an estimate that counts the input and never less than was delivered; if even that cannot be
/// made, the hold. The provider may well bill us for such a call, so it is never free.
/// </summary>
internal static class FallbackSettlement
{
    public static CallSettlement For(CallContext call, UsageEstimator estimator, string deliveredText, TokenUsage? reported, string status)
    {
        TokenUsage usage;
        try
        {
            usage = estimator.Estimate(call.Request, deliveredText, reported);
        }
#pragma warning disable CA1031 // Whatever keeps the tokenizer from counting, the call must still be settled: at the hold.
        catch (Exception)
#pragma warning restore CA1031
        {
            return call.Settlement(reported ?? TokenUsage.None, status, CallStatus.UsageHold) with { Cost = call.Hold };
        }

        return call.Settlement(usage, status, CallStatus.UsageEstimated);
    }
}
