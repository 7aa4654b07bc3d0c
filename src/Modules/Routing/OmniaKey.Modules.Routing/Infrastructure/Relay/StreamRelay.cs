using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using OmniaKey.Modules.Billing.Contracts;

namespace OmniaKey.Modules.Routing.Infrastructure.Relay;

/// <summary>
/// Passes an upstream SSE stream to the client event by event as it arrives. Only chunks that carry usage are
/// parsed; every other line is copied as is. The hold is settled before <c>[DONE]</c> is sent, so a client that
/// has read the whole stream sees its balance already charged.
/// </summary>
internal sealed class StreamRelay(CallContext call, IBalanceReservations reservations)
{
    private static readonly byte[] EventEnd = "\n\n"u8.ToArray();
    private TokenUsage? usage;
    private long contentChunks;
    private bool settled;

    public async Task RelayAsync(HttpContext http, HttpResponseMessage response)
    {
        http.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = "text/event-stream; charset=utf-8";
        http.Response.Headers.CacheControl = "no-cache";
        await http.Response.StartAsync(http.RequestAborted);

        try
        {
            await using var body = await response.Content.ReadAsStreamAsync(http.RequestAborted);
            using var reader = new StreamReader(body, Encoding.UTF8);
            while (await reader.ReadLineAsync(http.RequestAborted) is { } line)
            {
                if (!line.StartsWith("data:", StringComparison.Ordinal))
                {
                    continue;
                }

                var payload = line.AsMemory(5).Trim();
                if (payload.Span.SequenceEqual("[DONE]"))
                {
                    await SettleAsync(CallStatus.Succeeded);
                    await WriteEventAsync(http, "data: [DONE]");
                    return;
                }

                var forwarded = Inspect(payload.ToString());
                if (forwarded is not null)
                {
                    await WriteEventAsync(http, forwarded);
                }
            }

            // The upstream closed the stream without [DONE]: bill what was delivered.
            await SettleAsync(CallStatus.StreamInterrupted);
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            await SettleAsync(CallStatus.ClientCancelled);
        }
        catch (Exception e) when (e is IOException or HttpRequestException)
        {
            await SettleAsync(CallStatus.StreamInterrupted);
            await WriteEventAsync(http, "data: " + StreamError("The upstream stream was interrupted."));
        }
    }

    /// <summary>The line to forward for one data payload, or null to drop it (the forced usage chunk).</summary>
    private string? Inspect(string payload)
    {
        if (!payload.Contains("\"usage\":{", StringComparison.Ordinal) && !payload.Contains("\"usage\": {", StringComparison.Ordinal))
        {
            contentChunks++;
            return "data: " + payload;
        }

        var chunk = JsonNode.Parse(payload) as JsonObject;
        usage = OpenAiUsage.Parse(chunk?["usage"]) ?? usage;
        var usageOnly = chunk?["choices"] is JsonArray { Count: 0 };
        if (!call.Request.ClientWantsUsage)
        {
            return usageOnly ? null : "data: " + payload;
        }

        if (chunk?["usage"] is JsonObject usageNode && usage is not null)
        {
            usageNode["cost"] = JsonValue.Create(call.CostOf(usage).ToDecimal());
        }

        return "data: " + (chunk?.ToJsonString() ?? payload);
    }

    private async Task SettleAsync(string status)
    {
        if (settled)
        {
            return;
        }

        settled = true;

        // Without reported usage, each delivered content chunk counts as one output token (OpenAI streams about
        // one token per chunk); the routing issue replaces this with a real tokenizer.
        var billed = usage ?? new TokenUsage(0, Math.Max(0, contentChunks - 1), 0, 0, 0);
        var source = usage is null ? CallStatus.UsageEstimated : CallStatus.UsageReported;
        await reservations.SettleAsync(call.Settlement(billed, usage is null && status == CallStatus.Succeeded ? CallStatus.StreamInterrupted : status, source), CancellationToken.None);
    }

    private static async Task WriteEventAsync(HttpContext http, string line)
    {
        if (http.RequestAborted.IsCancellationRequested)
        {
            return;
        }

        await http.Response.WriteAsync(line, http.RequestAborted);
        await http.Response.Body.WriteAsync(EventEnd, http.RequestAborted);
        await http.Response.Body.FlushAsync(http.RequestAborted);
    }

    private static string StreamError(string message) =>
        JsonSerializer.Serialize(new JsonObject
        {
            ["error"] = new JsonObject
            {
                ["message"] = message,
                ["type"] = "server_error",
                ["code"] = "upstream_stream_interrupted",
            },
        });
}
