using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using OmniaKey.Infrastructure.Web;
using OmniaKey.Modules.Billing.Contracts;
using OmniaKey.Modules.Routing.Infrastructure.Upstreams;

namespace OmniaKey.Modules.Routing.Infrastructure.Relay;

/// <summary>
/// <c>POST /v1/chat/completions</c> after admission: forwards the call to the OpenAI upstream, passes the answer
/// through (streams as they arrive), and settles the hold exactly once — whatever happens — from the upstream's usage.
/// </summary>
internal sealed partial class ChatCompletionsRelay(
    CallAdmission admission,
    IBalanceReservations reservations,
    IHttpClientFactory httpClients,
    UpstreamOptions upstream,
    ILogger<ChatCompletionsRelay> logger)
{
    public const string HttpClientName = "upstream-openai";

    public async Task HandleAsync(HttpContext http)
    {
        var call = await admission.AdmitAsync(http);
        if (call is null)
        {
            return;
        }

        var settled = false;
        try
        {
            using var response = await SendAsync(call, http.RequestAborted);
            if (!response.IsSuccessStatusCode)
            {
                await PassThroughErrorAsync(http, call, response);
                settled = true;
                return;
            }

            if (call.Request.Stream)
            {
                var stream = new StreamRelay(call, reservations);
                await stream.RelayAsync(http, response);
                settled = true;
            }
            else
            {
                await RelayCompletionAsync(http, call, response);
                settled = true;
            }
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            LogClientCancelled(call.RequestId);
            await SettleAsync(call, TokenUsage.None, CallStatus.ClientCancelled, CallStatus.UsageReported);
            settled = true;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !settled)
        {
            var timedOut = e is TaskCanceledException;
            LogUpstreamUnavailable(e, call.RequestId);
            await SettleAsync(call, TokenUsage.None, CallStatus.UpstreamUnavailable, CallStatus.UsageReported);
            settled = true;
            await OpenAiError.WriteAsync(
                http,
                timedOut ? StatusCodes.Status504GatewayTimeout : StatusCodes.Status502BadGateway,
                "server_error",
                timedOut ? "upstream_timeout" : "upstream_unavailable",
                timedOut ? "The upstream did not answer in time." : "The upstream could not be reached.");
        }
        finally
        {
            if (!settled)
            {
                // Any other failure still closes the hold, so that no money stays reserved for a dead call.
                await SettleAsync(call, TokenUsage.None, CallStatus.UpstreamUnavailable, CallStatus.UsageReported);
            }
        }
    }

    private async Task<HttpResponseMessage> SendAsync(CallContext call, CancellationToken cancellationToken)
    {
        var body = call.Request.Body;
        body["model"] = call.Model.UpstreamModel;
        if (call.Request.Stream)
        {
            // Usage must always be known to bill the call; the extra chunk is dropped again if the client did not ask.
            var options = body["stream_options"] as JsonObject ?? [];
            options["include_usage"] = true;
            body["stream_options"] = options;
        }

        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(upstream.BaseUrl, "chat/completions"))
        {
            Content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(body)),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", upstream.ApiKey);
        var client = httpClients.CreateClient(HttpClientName);
        return await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
    }

    private async Task RelayCompletionAsync(HttpContext http, CallContext call, HttpResponseMessage response)
    {
        var bytes = await response.Content.ReadAsByteArrayAsync(http.RequestAborted);
        var completion = JsonNode.Parse(bytes) as JsonObject;
        var usage = OpenAiUsage.Parse(completion?["usage"]);
        var settlement = call.Settlement(usage ?? TokenUsage.None, CallStatus.Succeeded, usage is null ? CallStatus.UsageEstimated : CallStatus.UsageReported);
        await reservations.SettleAsync(settlement, CancellationToken.None);
        if (completion?["usage"] is JsonObject usageNode)
        {
            usageNode["cost"] = JsonValue.Create(settlement.Cost.ToDecimal());
        }

        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = "application/json";
        await http.Response.Body.WriteAsync(completion is null ? bytes : JsonSerializer.SerializeToUtf8Bytes(completion), http.RequestAborted);
    }

    private async Task PassThroughErrorAsync(HttpContext http, CallContext call, HttpResponseMessage response)
    {
        var status = (int)response.StatusCode;
        var text = await response.Content.ReadAsStringAsync(http.RequestAborted);
        var error = new Providers.OpenAi.OpenAiAdapter().ReadError(status, text, response);
        await SettleAsync(call, TokenUsage.None, CallStatus.UpstreamError, CallStatus.UsageReported);
        if (response.Headers.RetryAfter is { } retryAfter)
        {
            http.Response.Headers.RetryAfter = retryAfter.ToString();
        }

        await OpenAiError.WriteAsync(
            http,
            status,
            error.Type,
            error.Code,
            error.Message,
            source: "upstream",
            metadata: new Dictionary<string, string> { ["provider"] = call.Model.Provider });
    }

    private Task SettleAsync(CallContext call, TokenUsage usage, string status, string source) =>
        reservations.SettleAsync(call.Settlement(usage, status, source), CancellationToken.None);

    [LoggerMessage(Level = LogLevel.Information, Message = "Call {RequestId} was cancelled by the client")]
    private partial void LogClientCancelled(string requestId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Upstream unavailable for call {RequestId}")]
    private partial void LogUpstreamUnavailable(Exception exception, string requestId);
}
