namespace OmniaKey.Modules.Routing.Infrastructure.Relay;

/// <summary>How a call ended, as recorded on its usage record.</summary>
internal static class CallStatus
{
    public const string Succeeded = "succeeded";
    public const string UpstreamError = "upstream_error";
    public const string UpstreamUnavailable = "upstream_unavailable";
    public const string StreamInterrupted = "stream_interrupted";
    public const string ClientCancelled = "client_cancelled";
    public const string InProgress = "in_progress";

    public const string UsageReported = "reported";
    public const string UsageEstimated = "estimated";
}
