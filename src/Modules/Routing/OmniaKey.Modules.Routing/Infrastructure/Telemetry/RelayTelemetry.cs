using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using OmniaKey.Infrastructure.Telemetry;
using OmniaKey.Modules.Routing.Infrastructure.Providers;
using OmniaKey.Modules.Routing.Infrastructure.Relay;
using OmniaKey.Modules.Routing.Infrastructure.Resilience;

namespace OmniaKey.Modules.Routing.Infrastructure.Telemetry;

/// <summary>
/// The relay's spans and metrics (docs/observability.md): admission, routing (the channel choice and failover) and
/// one span per upstream attempt with its provider, channel and model; upstream latency, time to the response
/// headers and errors per provider and channel; each channel's breaker state. Instruments are created once and tags
/// are structs; every tag value comes from the catalogue or the channel list, never from the client's request, and no
/// credential, header, URL query or message content is ever recorded.
/// </summary>
internal sealed class RelayTelemetry
{
    public const string Name = "OmniaKey.Routing";

    public static readonly ActivitySource Source = new(Name);

    private const string ModelTag = "omniakey.model";
    private const string ProviderTag = "omniakey.provider";
    private const string ChannelIdTag = "omniakey.channel.id";
    private const string ChannelNameTag = "omniakey.channel.name";
    private const string ErrorTypeTag = "error.type";
    private const string OutcomeTag = "omniakey.outcome";

    private readonly Histogram<double> duration;
    private readonly Histogram<double> firstByte;
    private readonly Counter<long> errors;

    public RelayTelemetry(IMeterFactory meters, ChannelHealth health)
    {
        var meter = meters.Create(Name);
        duration = meter.CreateHistogram<double>("omniakey.upstream.duration", "s", "Upstream attempts from sending the request to the end of the answer (or the failure), by provider, channel and outcome (answered, or the error type).", advice: TelemetryBuckets.Seconds);
        firstByte = meter.CreateHistogram<double>("omniakey.upstream.time_to_first_byte", "s", "Upstream attempts from sending the request to the response headers, by provider and channel.", advice: TelemetryBuckets.Seconds);
        errors = meter.CreateCounter<long>("omniakey.upstream.errors", "{error}", "Upstream attempts that failed, by provider, channel and error type (an HTTP status, timeout, connection or breaker_open).");
        meter.CreateObservableGauge("omniakey.upstream.circuit_breaker.state", health.BreakerStates, "{state}", "Each channel's circuit breaker on this instance: 0 closed, 1 open, 2 half-open, 3 isolated.");
    }

    /// <summary>
    /// Adds the model to ASP.NET Core's own request metric (<c>http.server.request.duration</c>, which already has the
    /// route and status), so requests can be counted by route, status and model.
    /// </summary>
    public static void TagRequestModel(HttpContext http, string model)
    {
        if (http.Features.Get<IHttpMetricsTagsFeature>() is { } metrics)
        {
            metrics.Tags.Add(new KeyValuePair<string, object?>(ModelTag, model));
        }
    }

    public static Activity? StartAdmission() => Source.StartActivity("omniakey.admission");

    public static void Admitted(Activity? admission, CallContext? call)
    {
        if (admission is null)
        {
            return;
        }

        if (call is null)
        {
            admission.SetTag("omniakey.admitted", false);
            return;
        }

        admission.SetTag("omniakey.admitted", true);
        admission.SetTag(ModelTag, call.Model.Id);
        admission.SetTag(ProviderTag, call.Model.Provider);
        admission.SetTag("omniakey.billing.hold_nano_usd", call.Hold.NanoUsd);
    }

    public static Activity? StartRoute(CallContext call)
    {
        var route = Source.StartActivity("omniakey.route");
        route?.SetTag(ModelTag, call.Model.Id);
        route?.SetTag(ProviderTag, call.Model.Provider);
        route?.SetTag("omniakey.route.candidates", call.Candidates.Count);
        return route;
    }

    public static void Routed(Activity route, UpstreamOutcome outcome)
    {
        if (outcome.Target is { } target)
        {
            route.SetTag(ChannelIdTag, target.ChannelKey);
            route.SetTag(ChannelNameTag, target.Name);
        }

        route.SetTag("omniakey.route.outcome", outcome.Response is not null ? "answered" : outcome.Error is not null ? "refused" : outcome.TimedOut ? "timeout" : "unavailable");
    }

    /// <summary>Starts one attempt on one channel: its span (a child of the route) and its clock.</summary>
    public static UpstreamTrace StartAttempt(CallContext call, UpstreamTarget target)
    {
        var activity = Source.StartActivity("omniakey.upstream", ActivityKind.Internal);
        if (activity is not null)
        {
            activity.SetTag(ProviderTag, target.Provider);
            activity.SetTag(ChannelIdTag, target.ChannelKey);
            activity.SetTag(ChannelNameTag, target.Name);
            activity.SetTag(ModelTag, call.Model.Id);
            activity.SetTag(TelemetryNames.RequestIdAttribute, call.RequestId);
            activity.SetTag("omniakey.stream", call.Request.Stream);
        }

        return new UpstreamTrace(activity, Stopwatch.GetTimestamp(), target.Provider, target.ChannelKey, target.Name);
    }

    public void HeadersReceived(UpstreamTrace attempt, int status)
    {
        attempt.Span?.SetTag("omniakey.upstream.status_code", status);
        if (firstByte.Enabled)
        {
            firstByte.Record(Stopwatch.GetElapsedTime(attempt.Started).TotalSeconds, ChannelTags(attempt));
        }
    }

    /// <summary>An attempt that failed: counted as an error and its span ended.</summary>
    public void Failed(UpstreamTrace attempt, string errorType)
    {
        var tags = ChannelTags(attempt);
        tags.Add(ErrorTypeTag, errorType);
        errors.Add(1, tags);
        if (duration.Enabled)
        {
            var outcome = ChannelTags(attempt);
            outcome.Add(OutcomeTag, errorType);
            duration.Record(Stopwatch.GetElapsedTime(attempt.Started).TotalSeconds, outcome);
        }

        if (attempt.Span is { } span)
        {
            span.SetTag(ErrorTypeTag, errorType);
            span.SetStatus(ActivityStatusCode.Error, errorType);
            span.Dispose();
        }
    }

    /// <summary>A channel skipped because its breaker is open: an error without an attempt.</summary>
    public void BreakerOpen(UpstreamTarget target)
    {
        var tags = ChannelTags(new UpstreamTrace(null, 0, target.Provider, target.ChannelKey, target.Name));
        tags.Add(ErrorTypeTag, "breaker_open");
        errors.Add(1, tags);
    }

    /// <summary>The answering attempt ends with the call: the whole answer has been read (or abandoned).</summary>
    public void AnswerEnded(UpstreamTrace attempt)
    {
        if (duration.Enabled)
        {
            var tags = ChannelTags(attempt);
            tags.Add(OutcomeTag, "answered");
            duration.Record(Stopwatch.GetElapsedTime(attempt.Started).TotalSeconds, tags);
        }

        attempt.Span?.Dispose();
    }

    public static string ErrorType(int status) => status.ToString(CultureInfo.InvariantCulture);

    private static TagList ChannelTags(UpstreamTrace attempt) => new()
    {
        { ProviderTag, attempt.Provider },
        { ChannelIdTag, attempt.ChannelId },
        { ChannelNameTag, attempt.ChannelName },
    };
}

/// <summary>One upstream attempt as telemetry follows it: its span (none when nothing traces) and when it was sent.</summary>
internal readonly record struct UpstreamTrace(Activity? Span, long Started, string Provider, string ChannelId, string ChannelName);
