namespace OmniaKey.Infrastructure.Telemetry;

/// <summary>
/// The names our own activity sources and meters start with. Each area names its own where its code lives
/// (<c>OmniaKey.Routing</c>, <c>OmniaKey.Billing</c>, <c>OmniaKey.Jobs</c>, <c>OmniaKey.Email</c>); the SDK subscribes
/// to them all by this prefix, so a new one needs no registration.
/// </summary>
public static class TelemetryNames
{
    public const string Wildcard = "OmniaKey.*";

    public const string Jobs = "OmniaKey.Jobs";

    public const string Email = "OmniaKey.Email";

    /// <summary>The span attribute that carries the request's <c>x-request-id</c>.</summary>
    public const string RequestIdAttribute = "omniakey.request_id";
}
