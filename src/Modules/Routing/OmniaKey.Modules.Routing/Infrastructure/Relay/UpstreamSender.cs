using Microsoft.Extensions.Logging;
using OmniaKey.Modules.Routing.Infrastructure.Providers;
using OmniaKey.Modules.Routing.Infrastructure.Resilience;
using OmniaKey.Modules.Routing.Infrastructure.Telemetry;
using OmniaKey.Modules.Routing.Infrastructure.Upstreams;
using Polly.CircuitBreaker;

namespace OmniaKey.Modules.Routing.Infrastructure.Relay;

/// <summary>
/// Sends a call to its channels in order until one answers: a connection error, a stream's headers not arriving within
/// the first-byte timeout before its body was sent, 408/429/5xx/529 or an open breaker moves on to the next channel.
/// Nothing has reached the client yet at this point, so failing over is safe; once a response is returned, the call
/// is bound to that channel. A refusal about the request itself (other 4xx) is returned at once: another channel would
/// refuse it too. A timeout after the request was sent ends the call on that channel: the provider may be generating
/// (and billing) it, so re-sending it would pay twice (docs/architecture.md, the relay).
/// </summary>
internal sealed partial class UpstreamSender(
    IHttpClientFactory httpClients,
    ChannelHealth health,
    UpstreamOptions options,
    RelayTelemetry telemetry,
    TimeProvider clock,
    ILogger<UpstreamSender> logger)
{
    public const string HttpClientName = "upstream";

    /// <summary>Sends the call; traced, the channel choice and failover are one routing span (no extra cost untraced).</summary>
    public Task<UpstreamOutcome> SendAsync(CallContext call, CancellationToken cancellationToken) =>
        RelayTelemetry.Source.HasListeners() ? SendRoutedAsync(call, cancellationToken) : SendToChannelsAsync(call, cancellationToken);

    private async Task<UpstreamOutcome> SendRoutedAsync(CallContext call, CancellationToken cancellationToken)
    {
        using var route = RelayTelemetry.StartRoute(call);
        var outcome = await SendToChannelsAsync(call, cancellationToken);
        if (route is not null)
        {
            RelayTelemetry.Routed(route, outcome);
        }

        return outcome;
    }

    private async Task<UpstreamOutcome> SendToChannelsAsync(CallContext call, CancellationToken cancellationToken)
    {
        UpstreamOutcome? last = null;
        var client = httpClients.CreateClient(HttpClientName);
        foreach (var target in OrderByHealth(call.Candidates))
        {
            var resilience = Polly.ResilienceContextPool.Shared.Get(cancellationToken);
            Polly.Outcome<UpstreamAttempt> outcome;
            try
            {
                outcome = await health.BreakerFor(target).ExecuteOutcomeAsync(
                    static async (context, state) =>
                    {
                        try
                        {
                            return Polly.Outcome.FromResult(await state.Self.AttemptAsync(state.Client, state.Call, state.Target, context.CancellationToken));
                        }
                        catch (Exception e) when (e is HttpRequestException or UpstreamTimeoutException)
                        {
                            return Polly.Outcome.FromException<UpstreamAttempt>(e);
                        }
                    },
                    resilience,
                    (Self: this, Client: client, Call: call, Target: target));
            }
            finally
            {
                Polly.ResilienceContextPool.Shared.Return(resilience);
            }

            if (outcome.Exception is BrokenCircuitException)
            {
                telemetry.BreakerOpen(target);
                LogBreakerOpen(call.RequestId, target.Name);
                last ??= UpstreamOutcome.Unavailable(timedOut: false);
                continue;
            }

            if (outcome.Exception is UpstreamTimeoutException { RequestSent: true } sentTimeout)
            {
                LogTimedOutAfterSending(call.RequestId, target.Name, sentTimeout.Message);
                return UpstreamOutcome.TimedOutAfterSending(target);
            }

            if (outcome.Exception is { } exception)
            {
                cancellationToken.ThrowIfCancellationRequested();
                LogChannelFailed(call.RequestId, target.Name, exception.Message);
                last = UpstreamOutcome.Unavailable(timedOut: exception is UpstreamTimeoutException);
                continue;
            }

            if (outcome.Result!.Response is { } response)
            {
                call.ServedBy = target;
                return UpstreamOutcome.Answered(response, target);
            }

            var error = outcome.Result.Error!;
            if (!error.IsChannelFailure)
            {
                return UpstreamOutcome.Refused(error, target);
            }

            if (error.RetryAfter is { } wait)
            {
                health.CoolDown(target, wait);
            }

            LogChannelFailed(call.RequestId, target.Name, $"HTTP {error.Status} {error.Type}");
            last = UpstreamOutcome.Refused(error, target);
        }

        return last ?? UpstreamOutcome.Unavailable(timedOut: false);
    }

    /// <summary>
    /// Channels asked to wait (Retry-After) go last rather than being skipped: they may be the only ones left. The
    /// order is fixed before the first attempt, so a channel that starts cooling down during this call is not retried.
    /// </summary>
    private List<UpstreamTarget> OrderByHealth(IReadOnlyList<UpstreamTarget> candidates) =>
        [.. candidates.Where(t => !health.IsCoolingDown(t)), .. candidates.Where(health.IsCoolingDown)];

    /// <summary>
    /// Sends the request and waits for the response headers. Only a stream has a first-byte timeout: its headers come
    /// at once, while a non-streamed answer's come when generation ends, so it waits for the call's deadline.
    /// </summary>
    private async Task<HttpResponseMessage> SendOnceAsync(HttpClient client, CallContext call, UpstreamTarget target, CancellationToken cancellationToken)
    {
        call.BeginAttempt();
        using var request = call.Adapter.CreateHttpRequest(call.Payload, target);
        // Every adapter builds its request with UpstreamPayload.ToJsonPost, whose body says when it has been sent.
        var body = request.Content as SignallingContent
            ?? throw new InvalidOperationException($"{call.Adapter.Provider}: an upstream request must carry its payload as {nameof(SignallingContent)}.");
        body.OnSent = call.MarkRequestSent;

        if (!call.Request.Stream)
        {
            return await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        }

        using var timeout = new CancellationTokenSource(options.FirstByteTimeout, clock);
        using var firstByte = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            return await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, firstByte.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new UpstreamTimeoutException($"No response headers within {options.FirstByteTimeout.TotalSeconds:0.#} s.", call.RequestSent);
        }
    }

    /// <summary>
    /// One attempt on one channel: the response when it succeeded, otherwise the provider's error read from its body,
    /// so that the breaker judges the channel by the same rule as failover (e.g. Gemini's bad key is a 400).
    /// </summary>
    private async Task<UpstreamAttempt> AttemptAsync(HttpClient client, CallContext call, UpstreamTarget target, CancellationToken cancellationToken)
    {
        var attempt = RelayTelemetry.StartAttempt(call, target);
        try
        {
            var response = await SendOnceAsync(client, call, target, cancellationToken);
            telemetry.HeadersReceived(attempt, (int)response.StatusCode);
            if (response.IsSuccessStatusCode)
            {
                // This attempt's span and clock run on until the answer has been relayed (ChatCompletionsRelay).
                call.Upstream = attempt;
                return new UpstreamAttempt(response, null);
            }

            using (response)
            {
                var body = await response.Content.ReadAsStringAsync(cancellationToken);
                var error = call.Adapter.ReadError((int)response.StatusCode, body, response);
                telemetry.Failed(attempt, RelayTelemetry.ErrorType(error.Status));
                return new UpstreamAttempt(null, error);
            }
        }
        catch (Exception e) when (call.Upstream != attempt)
        {
            telemetry.Failed(attempt, e switch
            {
                UpstreamTimeoutException => "timeout",
                OperationCanceledException => "cancelled",
                HttpRequestException => "connection",
                _ => "unreadable",
            });
            throw;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Call {RequestId}: channel {Channel} failed ({Reason}); trying the next channel")]
    private partial void LogChannelFailed(string requestId, string channel, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Call {RequestId}: channel {Channel} timed out after the request was sent ({Reason}); not failing over")]
    private partial void LogTimedOutAfterSending(string requestId, string channel, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Call {RequestId}: channel {Channel} skipped, its circuit breaker is open")]
    private partial void LogBreakerOpen(string requestId, string channel);
}

/// <summary>
/// How sending a call ended: a channel answered, refused, or none could be reached; <see cref="Sent"/> says the last
/// channel had the request when it timed out (it may bill it).
/// </summary>
internal sealed record UpstreamOutcome(HttpResponseMessage? Response, UpstreamError? Error, UpstreamTarget? Target, bool TimedOut, bool Sent = false)
{
    public static UpstreamOutcome TimedOutAfterSending(UpstreamTarget target) => new(null, null, target, TimedOut: true, Sent: true);

    public static UpstreamOutcome Answered(HttpResponseMessage response, UpstreamTarget target) => new(response, null, target, false);

    public static UpstreamOutcome Refused(UpstreamError error, UpstreamTarget target) => new(null, error, target, false);

    public static UpstreamOutcome Unavailable(bool timedOut) => new(null, null, null, timedOut);
}

/// <summary>What one channel answered: a successful response to relay, or its error.</summary>
internal sealed record UpstreamAttempt(HttpResponseMessage? Response, UpstreamError? Error);
