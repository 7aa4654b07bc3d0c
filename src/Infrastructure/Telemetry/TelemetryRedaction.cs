using OpenTelemetry.Instrumentation.AspNetCore;
using OpenTelemetry.Instrumentation.Http;

namespace OmniaKey.Infrastructure.Telemetry;

/// <summary>
/// What the ASP.NET Core and HttpClient spans may carry: no query strings (a provider could take a key there), no
/// client addresses, no headers (the instrumentations record none unless asked, and we never ask), no bodies, no
/// exception messages. The server span gets the request's <c>x-request-id</c>.
/// </summary>
internal static class TelemetryRedaction
{
    private const string UrlQuery = "url.query";
    private const string UrlFull = "url.full";

    public static void ConfigureServerSpans(AspNetCoreTraceInstrumentationOptions options)
    {
        options.RecordException = false;
        options.Filter = context => !TelemetryRegistration.IsScrapeOrProbe(context);
        options.EnrichWithHttpRequest = static (activity, _) =>
        {
            // A client's address is personal data and a query string could carry anything: neither is kept.
            activity.SetTag(UrlQuery, null);
            activity.SetTag("client.address", null);
            activity.SetTag("network.peer.address", null);
            activity.SetTag("network.peer.port", null);
        };
        options.EnrichWithHttpResponse = static (activity, response) =>
            activity.SetTag(TelemetryNames.RequestIdAttribute, response.HttpContext.TraceIdentifier);
    }

    public static void ConfigureClientSpans(HttpClientTraceInstrumentationOptions options)
    {
        options.RecordException = false;
        options.EnrichWithHttpRequestMessage = static (activity, request) =>
        {
            if (request.RequestUri is { Query.Length: > 0 } uri)
            {
                activity.SetTag(UrlFull, WithoutQuery(uri));
            }
        };
    }

    /// <summary>Scheme, host, port and path: what a trace needs to tell upstreams apart, and nothing a key could hide in.</summary>
    public static string WithoutQuery(Uri uri) => uri.GetLeftPart(UriPartial.Path);
}
