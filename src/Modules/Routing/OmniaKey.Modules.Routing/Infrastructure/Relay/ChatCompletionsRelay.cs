using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using OmniaKey.Domain.Money;
using OmniaKey.Infrastructure.Web;
using OmniaKey.Modules.Billing.Contracts;
using OmniaKey.Modules.Routing.Infrastructure.Providers;
using OmniaKey.Modules.Routing.Infrastructure.Upstreams;
using OmniaKey.Modules.Routing.Infrastructure.Usage;

namespace OmniaKey.Modules.Routing.Infrastructure.Relay;

/// <summary>
/// <c>POST /v1/chat/completions</c> after admission: sends the call to the first channel that answers, relays the
/// answer in OpenAI's format (streams as they arrive), and settles the hold exactly once — whatever happens — from
/// the upstream's usage. The whole call runs under one deadline, and a client that goes away cancels the upstream call.
/// </summary>
internal sealed partial class ChatCompletionsRelay(
    CallAdmission admission,
    UpstreamSender sender,
    IBalanceReservations reservations,
    UsageEstimator estimator,
    UpstreamOptions options,
    TimeProvider clock,
    ILogger<ChatCompletionsRelay> logger)
{
    public async Task HandleAsync(HttpContext http)
    {
        var call = await admission.AdmitAsync(http);
        if (call is null)
        {
            return;
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted);
        deadline.CancelAfter(options.RequestTimeout);
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
                        await new StreamRelay(call, reservations, estimator, options.ProgressInterval, clock).RelayAsync(http, response, deadline.Token);
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
            else
            {
                await SettleNothingAsync(call, CallStatus.UpstreamUnavailable);
                await NoUpstreamAnsweredAsync(http, outcome.TimedOut);
            }
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            LogClientCancelled(call.RequestId);
        }
        catch (OperationCanceledException) when (!http.Response.HasStarted)
        {
            await SettleNothingAsync(call, CallStatus.UpstreamUnavailable);
            await NoUpstreamAnsweredAsync(http, timedOut: true);
        }
        finally
        {
            if (!settled)
            {
                // A call that failed before any upstream answered costs nothing, but its hold must not stay open.
                await SettleNothingAsync(call, http.RequestAborted.IsCancellationRequested ? CallStatus.ClientCancelled : CallStatus.UpstreamUnavailable);
            }
        }
    }

    private async Task RelayCompletionAsync(HttpContext http, CallContext call, HttpResponseMessage response, CancellationToken deadline)
    {
        CompletionResult result;
        try
        {
            var bytes = await response.Content.ReadAsByteArrayAsync(deadline);
            result = call.Adapter.TranslateCompletion(bytes, call.Translation);
        }
        catch (Exception e) when (e is JsonException or IOException or HttpRequestException or OperationCanceledException or InvalidOperationException)
        {
            // Nothing reached the client and the answer cannot be read: nothing is charged.
            LogUnreadableAnswer(e, call.RequestId);
            await SettleNothingAsync(call, CallStatus.UpstreamError);
            if (http.RequestAborted.IsCancellationRequested)
            {
                return;
            }

            await OpenAiError.WriteAsync(http, StatusCodes.Status502BadGateway, "server_error", "upstream_invalid_response", "The upstream's answer could not be read.");
            return;
        }

        var usage = result.Usage ?? estimator.Estimate(call.Request, CompletionText(result.Completion), null);
        var settlement = call.Settlement(usage, CallStatus.Succeeded, result.Usage is null ? CallStatus.UsageEstimated : CallStatus.UsageReported);
        await reservations.SettleAsync(settlement, CancellationToken.None);
        var usageNode = result.Completion["usage"] as JsonObject ?? OpenAiChunks.UsageObject(usage, null);
        usageNode["cost"] = JsonValue.Create(settlement.Cost.ToDecimal());
        result.Completion["usage"] = usageNode;

        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = "application/json";
        await http.Response.Body.WriteAsync(JsonSerializer.SerializeToUtf8Bytes(result.Completion), http.RequestAborted);
    }

    private static Task PassThroughErrorAsync(HttpContext http, CallContext call, UpstreamError error)
    {
        if (error.RetryAfter is { } retryAfter)
        {
            http.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return OpenAiError.WriteAsync(
            http,
            error.Status,
            error.Type,
            error.Code,
            error.Message,
            error.Param,
            source: "upstream",
            metadata: new Dictionary<string, string> { ["provider"] = call.Model.Provider });
    }

    private static Task NoUpstreamAnsweredAsync(HttpContext http, bool timedOut) =>
        OpenAiError.WriteAsync(
            http,
            timedOut ? StatusCodes.Status504GatewayTimeout : StatusCodes.Status502BadGateway,
            "server_error",
            timedOut ? "upstream_timeout" : "upstream_unavailable",
            timedOut ? "The upstream did not answer in time." : "No upstream could be reached.");

    private Task<Money> SettleNothingAsync(CallContext call, string status) =>
        reservations.SettleAsync(call.Settlement(TokenUsage.None, status, CallStatus.UsageReported), CancellationToken.None);

    private static string CompletionText(JsonObject completion) =>
        string.Concat((completion["choices"] as JsonArray ?? []).Select(c => c?["message"]?["content"]?.ToString()));

    [LoggerMessage(Level = LogLevel.Information, Message = "Call {RequestId} was cancelled by the client")]
    private partial void LogClientCancelled(string requestId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Call {RequestId}: the upstream's answer could not be read")]
    private partial void LogUnreadableAnswer(Exception exception, string requestId);
}
