using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;
using OmniaKey.Infrastructure.Web;
using OmniaKey.Modules.Billing.Contracts;
using OmniaKey.Modules.Routing.Infrastructure.Providers;
using OmniaKey.Modules.Routing.Infrastructure.Usage;

namespace OmniaKey.Modules.Routing.Infrastructure.Relay;

/// <summary>
/// Relays one upstream stream to the client as OpenAI chunks, event by event as they arrive, through the provider's
/// translator. The settlement is queued as soon as the cost is known and the usage chunk and <c>[DONE]</c> are written
/// while it commits; the request ends without waiting for the commit (ADR 0019). A client that goes away does not stop the upstream stream: it is
/// read to its end (bounded by the call's deadline) and what the client can no longer receive is discarded, so that
/// the call is charged the usage the provider reports (hidden reasoning tokens included). A stream that breaks, or
/// that is still running when a stopping instance's drain window ends, is billed for what was delivered and ends with
/// an error chunk.
/// </summary>
internal sealed class StreamRelay(
    CallContext call,
    IBalanceReservations reservations,
    UsageEstimator estimator,
    TimeSpan progressInterval,
    TimeProvider clock,
    ILogger logger,
    CancellationToken drainExpired)
{
    private static readonly byte[] DataPrefix = "data: "u8.ToArray();
    private static readonly byte[] EventEnd = "\n\n"u8.ToArray();
    private Task? settling;
    private bool clientGone;
    private CancellationToken clientAborted;
    private long lastProgress = clock.GetTimestamp();

    public async Task RelayAsync(HttpContext http, HttpResponseMessage response, CancellationToken deadline)
    {
        clientAborted = http.RequestAborted;
        var translator = call.Adapter.CreateStreamTranslator(call.Translation);
        http.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = "text/event-stream; charset=utf-8";
        http.Response.Headers.CacheControl = "no-cache";
        try
        {
            await http.Response.StartAsync(http.RequestAborted);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException)
        {
            clientGone = true;
        }

        try
        {
            await using var body = await response.Content.ReadAsStreamAsync(deadline);
            var emit = new List<string>(4);
            await foreach (var upstreamEvent in SseReader.ReadAsync(body, deadline))
            {
                emit.Clear();
                translator.Translate(upstreamEvent.Event, upstreamEvent.Data, emit);
                await WriteEventsAsync(http, emit);
                await RecordProgressIfDueAsync(translator);
                if (translator.Error is { } error)
                {
                    BeginSettlement(translator, CallStatus.StreamInterrupted);
                    await WriteEventsAsync(http, [ErrorChunk(error.Message, error.Type, error.Code)]);
                    return;
                }
            }

            if (!translator.Finished)
            {
                BeginSettlement(translator, CallStatus.StreamInterrupted);
                await WriteEventsAsync(http, [ErrorChunk("The upstream stream ended before the answer was complete.", "server_error", "upstream_stream_interrupted")]);
                return;
            }

            var usage = BeginSettlement(translator, CallStatus.Succeeded);
            if (call.Request.ClientWantsUsage)
            {
                await WriteEventsAsync(http, [OpenAiChunks.Usage(call.Translation, translator.ResponseId, usage, call.CostOf(usage))]);
            }

            await WriteEventsAsync(http, ["[DONE]"]);
        }
        catch (OperationCanceledException) when (drainExpired.IsCancellationRequested)
        {
            // The instance is stopping and its drain window has passed: billed for what was delivered, like a break.
            BeginSettlement(translator, CallStatus.StreamInterrupted);
            await WriteEventsAsync(http, [ErrorChunk("The gateway is shutting down and ended this stream early. Send the request again.", "server_error", "shutting_down")]);
        }
        catch (OperationCanceledException)
        {
            // Only the deadline cancels the upstream read; the client's going away does not.
            BeginSettlement(translator, CallStatus.UpstreamTimeout);
            await WriteEventsAsync(http, [ErrorChunk("The request took longer than the gateway's deadline.", "server_error", "upstream_timeout")]);
        }
        catch (Exception e) when (e is IOException or HttpRequestException or JsonException)
        {
            BeginSettlement(translator, CallStatus.StreamInterrupted);
            await WriteEventsAsync(http, [ErrorChunk("The upstream stream was interrupted.", "server_error", "upstream_stream_interrupted")]);
        }
        finally
        {
            // Whatever escaped above (a translator bug, say) must not leave the hold open. The client has its
            // whole stream, and the request ends, without waiting for the commit.
            BeginSettlement(translator, CallStatus.StreamInterrupted);
            await CompleteResponseAsync(http);
            SettlementHandoff.Release(settling!, logger, call.RequestId);
        }
    }

    /// <summary>
    /// On a long stream, records now and then what has been delivered, so that if this process dies the clean-up job
    /// charges that much rather than releasing the hold for free (ADR 0012).
    /// </summary>
    private async Task RecordProgressIfDueAsync(IStreamTranslator translator)
    {
        if (clock.GetElapsedTime(lastProgress) < progressInterval)
        {
            return;
        }

        lastProgress = clock.GetTimestamp();
        var soFar = estimator.Estimate(call.Request, translator.DeliveredText, translator.Usage);
        await reservations.RecordProgressAsync(call.Settlement(soFar, CallStatus.InProgress, CallStatus.UsageEstimated), CancellationToken.None);
    }

    /// <summary>
    /// Starts the settlement, once, and returns the usage it charges. A finished stream with usage is billed as reported (whether or not the client was still there to
    /// see it); otherwise the input and the delivered text are counted with a tokenizer, keeping whatever the upstream
    /// did report, and the record says the usage was estimated (or, if even that failed, that the hold was charged).
    /// </summary>
    private TokenUsage BeginSettlement(IStreamTranslator translator, string status)
    {
        if (settling is not null)
        {
            return TokenUsage.None;
        }

        var complete = status == CallStatus.Succeeded && translator.Usage is not null;
        if (clientGone || clientAborted.IsCancellationRequested)
        {
            status = CallStatus.ClientCancelled;
        }

        var settlement = complete
            ? call.Settlement(translator.Usage!, status, CallStatus.UsageReported)
            : FallbackSettlement.For(call, estimator, translator.DeliveredText, translator.Usage, status);
        settling = reservations.SettleAsync(settlement, CancellationToken.None);
        return settlement.Usage;
    }

    /// <summary>Ends the chunked response, so the client sees the end of the stream without waiting for the commit.</summary>
    private async Task CompleteResponseAsync(HttpContext http)
    {
        clientGone |= http.RequestAborted.IsCancellationRequested;
        if (clientGone || !http.Response.HasStarted)
        {
            return;
        }

        try
        {
            await http.Response.CompleteAsync();
        }
        catch (Exception e) when (e is OperationCanceledException or IOException)
        {
            clientGone = true;
        }
    }

    /// <summary>Writes to the client while it is there; once it has gone, what it can no longer receive is dropped.</summary>
    private async Task WriteEventsAsync(HttpContext http, List<string> payloads)
    {
        clientGone |= http.RequestAborted.IsCancellationRequested;
        if (payloads.Count == 0 || clientGone)
        {
            return;
        }

        try
        {
            foreach (var payload in payloads)
            {
                await http.Response.Body.WriteAsync(DataPrefix, http.RequestAborted);
                await http.Response.WriteAsync(payload, http.RequestAborted);
                await http.Response.Body.WriteAsync(EventEnd, http.RequestAborted);
            }

            await http.Response.Body.FlushAsync(http.RequestAborted);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException)
        {
            clientGone = true; // only the client's connection is written here
        }
    }

    private string ErrorChunk(string message, string type, string? code) =>
        OpenAiError.Serialize(type, code, message, metadata: new Dictionary<string, string> { ["provider"] = call.Model.Provider });
}
