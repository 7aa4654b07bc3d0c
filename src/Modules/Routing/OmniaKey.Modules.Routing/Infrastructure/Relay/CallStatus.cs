namespace OmniaKey.Modules.Routing.Infrastructure.Relay;

/// <summary>How a call ended, as recorded on its usage record.</summary>
internal static class CallStatus
{
    public const string Succeeded = "succeeded";
    public const string UpstreamError = "upstream_error";
    public const string UpstreamUnavailable = "upstream_unavailable";
    public const string StreamInterrupted = "stream_interrupted";
    public const string UpstreamTimeout = "upstream_timeout";
    public const string ClientCancelled = "client_cancelled";
    public const string InProgress = "in_progress";

    /// <summary>The amount is the provider's own usage (or nothing, when no provider took the call).</summary>
    public const string UsageReported = "reported";

    /// <summary>No usage could be obtained; OmniaKey counted the input and at least what was delivered.</summary>
    public const string UsageEstimated = "estimated";

    /// <summary>Not even an estimate could be made; the hold placed at admission was charged.</summary>
    public const string UsageHold = "hold";
}
