using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using OmniaKey.Domain.Money;
using OmniaKey.Infrastructure.Shutdown;
using OmniaKey.Infrastructure.Web;
using OmniaKey.Modules.Billing.Contracts;
using OmniaKey.Modules.Routing.Infrastructure.Providers;
using OmniaKey.Modules.Routing.Infrastructure.Telemetry;
using OmniaKey.Modules.Routing.Infrastructure.Upstreams;
using OmniaKey.Modules.Routing.Infrastructure.Usage;

namespace OmniaKey.Modules.Routing.Infrastructure.Relay;

/// <summary>
/// <c>POST /v1/chat/completions</c> after admission: sends the call to the first channel that answers, relays the
/// answer in OpenAI's format (streams as they arrive), and settles the hold exactly once — whatever happens — from
/// the upstream's usage. The whole call runs under one deadline. A client that goes away before the request was sent
/// cancels the call; after that the upstream answer is still read to its end (what the client can no longer receive
/// is discarded), so that the call is charged what the provider reports.
/// </summary>
internal sealed partial class ChatCompletionsRelay(
    CallAdmission admission,
    UpstreamSender sender,
    IBalanceReservations reservations,
    UsageEstimator estimator,
    UpstreamOptions options,
    ShutdownDrain shutdown,
    RelayTelemetry telemetry,
    TimeProvider clock,
    ILogger<ChatCompletionsRelay> logger)
{
    public async Task HandleAsync(HttpContext http)
    {
        CallContext? call;
        using (var admitting = RelayTelemetry.StartAdmission())
        {
            call = await admission.AdmitAsync(http);
            RelayTelemetry.Admitted(admitting, call);
        }

        if (call is null)
        {
            return;
        }

        RelayTelemetry.TagRequestModel(http, call.Model.Id);

        using var deadline = new CancellationTokenSource(options.RequestTimeout, clock);

        // A stop's drain window that runs out ends the call like its own deadline would (docs/health-and-shutdown.md).
        using var drainExpired = shutdown.DrainExpired.Register(static state => ((CancellationTokenSource)state!).Cancel(), deadline);
        using var abortBeforeSending = http.RequestAborted.Register(static state =>
        {
            var (call, deadline) = ((CallContext, CancellationTokenSource))state!;
            if (!call.RequestSent)
            {
                deadline.Cancel();
            }
        }, (call, deadline));
        var settled = false;
        try
        {
            var outcome = await sender.SendAsync(call, deadline.Token);
            if (outcome.Response is { } response)
            {
                using (response)
                {
                    settled = true; // Both paths below settle the call themselves, exactly once.
                    if (call.Request.Stream)
                    {
                        await new StreamRelay(call, reservations, estimator, options.ProgressInterval, clock, logger, shutdown.DrainExpired).RelayAsync(http, response, deadline.Token);
                    }
                    else
                    {
                        await RelayCompletionAsync(http, call, response, deadline.Token);
                    }
                }

                return;
            }

            settled = true;
            if (outcome.Error is { CredentialRejected: true })
            {
                // Our own credential or account was refused and no channel could serve: the gateway's failure, not
                // the caller's (an upstream 401 passed through reads as "your key is bad" to OpenAI SDKs). ADR 0016.
                await SettleNothingAsync(call, CallStatus.UpstreamUnavailable);
                await NoUpstreamAnsweredAsync(http, timedOut: false);
            }
            else if (outcome.Error is { } error)
            {
                await SettleNothingAsync(call, CallStatus.UpstreamError);
                await PassThroughErrorAsync(http, call, error);
            }
            else if (outcome.Sent)
            {
                await SettleEstimatedInputAsync(call, CallStatus.UpstreamTimeout);
                await NoUpstreamAnsweredAsync(http, timedOut: true, shutdown.DrainExpired.IsCancellationRequested);
            }
            else
            {
                await SettleNothingAsync(call, CallStatus.UpstreamUnavailable);
                await NoUpstreamAnsweredAsync(http, outcome.TimedOut);
            }
        }
        catch (OperationCanceledException) when (!call.RequestSent && http.RequestAborted.IsCancellationRequested)
        {
            LogClientCancelled(call.RequestId);
        }
        catch (OperationCanceledException) when (!settled)
        {
            // The deadline passed while waiting for an answer. Once the request was sent the provider may bill it.
            settled = true;
            if (call.RequestSent)
            {
                await SettleEstimatedInputAsync(call, CallStatus.UpstreamTimeout);
            }
            else
            {
                await SettleNothingAsync(call, CallStatus.UpstreamUnavailable);
            }

            if (!http.Response.HasStarted && !http.RequestAborted.IsCancellationRequested)
            {
                await NoUpstreamAnsweredAsync(http, timedOut: true, shutdown.DrainExpired.IsCancellationRequested);
            }
        }
        finally
        {
            if (!settled)
            {
                // A call that failed before any upstream answered costs nothing, but its hold must not stay open.
                await SettleNothingAsync(call, http.RequestAborted.IsCancellationRequested ? CallStatus.ClientCancelled : CallStatus.UpstreamUnavailable);
            }

            // The settlement completed the key's rate-limit lease; this frees the slot should anything have escaped it.
            call.KeyLease?.Complete(0);
            if (call.Upstream is { } upstream)
            {
                telemetry.AnswerEnded(upstream);
            }
        }
    }

    /// <summary>
    /// Reads the whole answer even if the client has gone (the provider bills it either way), settles from its usage,
    /// and writes it if there is still someone to receive it.
    /// </summary>
    private async Task RelayCompletionAsync(HttpContext http, CallContext call, HttpResponseMessage response, CancellationToken deadline)
    {
        PooledBytes answer = default;
        IRelayedCompletion completion;
        try
        {
            answer = await PooledBytes.ReadAsync(response.Content, deadline);
            completion = call.Adapter.ReadCompletion(answer.Span, call.Translation);
        }
        catch (Exception e) when (e is JsonException or IOException or HttpRequestException or OperationCanceledException or InvalidOperationException)
        {
            answer.Dispose();

            // The answer cannot be read, so its usage is unknown; nothing reached the client: the input is estimated.
            LogUnreadableAnswer(e, call.RequestId);
            var timedOut = e is OperationCanceledException;
            await SettleEstimatedInputAsync(call, timedOut ? CallStatus.UpstreamTimeout : CallStatus.UpstreamError);
            if (http.RequestAborted.IsCancellationRequested)
            {
                return;
            }

            if (timedOut)
            {
                await NoUpstreamAnsweredAsync(http, timedOut: true);
                return;
            }

            await OpenAiError.WriteAsync(http, StatusCodes.Status502BadGateway, "server_error", "upstream_invalid_response", "The upstream's answer could not be read.");
            return;
        }

        using (answer)
        {
            await RelayReadAnswerAsync(http, call, answer, completion);
        }
    }

    /// <summary>Settles the answer read, then writes it with its cost while the settlement commits.</summary>
    private async Task RelayReadAnswerAsync(HttpContext http, CallContext call, PooledBytes answer, IRelayedCompletion completion)
    {
        var clientGone = http.RequestAborted.IsCancellationRequested;
        var status = clientGone ? CallStatus.ClientCancelled : CallStatus.Succeeded;
        var settlement = completion.Usage is { } usage
            ? call.Settlement(usage, status, CallStatus.UsageReported)
            : FallbackSettlement.For(call, estimator, completion.DeliveredText(answer.Span), null, status);

        // The cost is known now: the settlement is queued and the answer written while it commits (ADR 0019).
        var settling = reservations.SettleAsync(settlement, CancellationToken.None);
        if (clientGone)
        {
            SettlementHandoff.Release(settling, logger, call.RequestId);
            LogClientCancelled(call.RequestId);
            return;
        }

        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = "application/json";
        try
        {
            // Written straight into the response's pipe.
            completion.WriteTo(http.Response.BodyWriter, answer.Span, settlement.Usage, settlement.Cost.ToDecimal());

            // Ends the response now, so the client has its whole answer without waiting for the commit.
            await http.Response.CompleteAsync();
        }
        catch (Exception e) when (e is OperationCanceledException or IOException && http.RequestAborted.IsCancellationRequested)
        {
            LogClientCancelled(call.RequestId);
        }

        SettlementHandoff.Release(settling, logger, call.RequestId);
    }

    private static Task PassThroughErrorAsync(HttpContext http, CallContext call, UpstreamError error)
    {
        if (error.RetryAfter is { } retryAfter)
        {
            http.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return OpenAiError.WriteAsync(
            http,
            error.ClientStatus,
            error.Type,
            error.Code,
            error.Message,
            error.Param,
            source: "upstream",
            metadata: new Dictionary<string, string> { ["provider"] = call.Model.Provider });
    }

    /// <summary>
    /// 504 or 502; or, when the instance's drain window ended the wait, 503 <c>shutting_down</c> with
    /// <c>Retry-After</c>: the client should retry elsewhere, not conclude the provider is slow.
    /// </summary>
    private static Task NoUpstreamAnsweredAsync(HttpContext http, bool timedOut, bool drainExpired = false) =>
        drainExpired ? ShuttingDownAnswer.WriteAsync(http) : OpenAiError.WriteAsync(
            http,
            timedOut ? StatusCodes.Status504GatewayTimeout : StatusCodes.Status502BadGateway,
            "server_error",
            timedOut ? "upstream_timeout" : "upstream_unavailable",
            timedOut ? "The upstream did not answer in time." : "No upstream could be reached.");

    private Task<Money> SettleNothingAsync(CallContext call, string status) =>
        reservations.SettleAsync(call.Settlement(TokenUsage.None, status, CallStatus.UsageReported), CancellationToken.None);

    /// <summary>The request reached the provider but no answer did: its input is estimated, since the provider may bill it.</summary>
    private Task<Money> SettleEstimatedInputAsync(CallContext call, string status) =>
        reservations.SettleAsync(FallbackSettlement.For(call, estimator, string.Empty, null, status), CancellationToken.None);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Call {RequestId} was cancelled by the client")]
    private partial void LogClientCancelled(string requestId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Call {RequestId}: the upstream's answer could not be read")]
    private partial void LogUnreadableAnswer(Exception exception, string requestId);
}
