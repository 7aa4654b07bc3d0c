namespace OmniaKey.Modules.Billing.Domain.Usage;

/// <summary>
/// The statuses and usage sources Billing itself writes on usage records. How a call ended otherwise
/// (<c>succeeded</c>, <c>upstream_error</c>, …) is the relay's to say.
/// </summary>
internal static class UsageStatuses
{
    /// <summary>Partial usage of a call still running, recorded so that a crash does not make it free.</summary>
    public const string InProgress = "in_progress";

    /// <summary>The call never settled; the clean-up job released its hold after the TTL.</summary>
    public const string Expired = "expired";

    /// <summary>The usage source of an expired call with nothing recorded: no tokens are known.</summary>
    public const string NoUsage = "none";
}
