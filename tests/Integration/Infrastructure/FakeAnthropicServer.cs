using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace OmniaKey.IntegrationTests.Infrastructure;

/// <summary>
/// An in-process fake of Anthropic's Messages API on a real Kestrel socket (127.0.0.1, random port), speaking its wire
/// format (docs/providers.md#anthropic): <c>POST /v1/messages</c> plain and streamed (text, thinking and tool-use blocks,
/// pings, cumulative usage), its error bodies, mid-stream <c>event: error</c>, and the checks of the real API that
/// catch a gateway sending a malformed request (auth, <c>anthropic-version</c>, required <c>max_tokens</c>, roles,
/// empty text, tool_use/tool_result pairing). Scripted like <see cref="FakeOpenAiServer"/>.
/// </summary>
public sealed class FakeAnthropicServer(string expectedApiKey = FakeAnthropicServer.DefaultApiKey)
    : ScriptedUpstreamServer<FakeAnthropicBehavior, FakeAnthropicReply>(expectedApiKey, FakeAnthropicReply.Default)
{
    public const string DefaultApiKey = "sk-ant-fake-upstream-key";

    /// <summary><c>http://127.0.0.1:&lt;port&gt;</c>, Anthropic's base-URL convention (without <c>/v1</c>).</summary>
    public override string BaseUrl => Authority;

    /// <summary>A pause before each streamed delta for every stream (a behaviour may override it).</summary>
    public TimeSpan DelayBetweenPieces
    {
        get => Pacing;
        set => Pacing = value;
    }

    public IReadOnlyList<RecordedRequest> MessageRequests => [.. Requests.Where(r => r.Path == "/v1/messages")];

    public static async Task<FakeAnthropicServer> StartNewAsync(string expectedApiKey = DefaultApiKey)
    {
        var server = new FakeAnthropicServer(expectedApiKey);
        await server.StartAsync();
        return server;
    }

    public void EnqueueReply(FakeAnthropicReply reply) => Enqueue(new FakeAnthropicBehavior { Reply = reply });

    public void EnqueueError(int status, string type, string message, TimeSpan? retryAfter = null) =>
        Enqueue(new FakeAnthropicBehavior { Error = new FakeAnthropicError(status, type, message, retryAfter) });

    public void EnqueueDelay(TimeSpan delayBeforeHeaders) => Enqueue(new FakeAnthropicBehavior { DelayBeforeHeaders = delayBeforeHeaders });

    public void EnqueueBreakAfter(int pieces) => Enqueue(new FakeAnthropicBehavior { BreakAfterPieces = pieces });

    public void EnqueueStreamError(int afterPieces, FakeAnthropicError? error = null) =>
        Enqueue(new FakeAnthropicBehavior { StreamErrorAfterPieces = afterPieces, StreamError = error ?? FakeAnthropicError.Overloaded });

    protected override void MapRoutes(IEndpointRouteBuilder routes) => routes.MapPost("/v1/messages", HandleMessagesAsync);

    protected override void AddResponseHeaders(HttpContext context)
    {
        context.Response.Headers["request-id"] = "req_" + Guid.NewGuid().ToString("N")[..24];
        context.Response.Headers["anthropic-organization-id"] = "00000000-0000-0000-0000-000000000000";
    }

    private async Task HandleMessagesAsync(HttpContext context)
    {
        var request = await RecordAsync(context);
        if (Authenticate(request) is { } unauthorized)
        {
            await WriteErrorAsync(context, unauthorized);
            return;
        }

        var (behavior, reply, pacing) = NextScript();
        await AnswerAsync(context, behavior, async () =>
        {
            if ((behavior.Error ?? FakeAnthropicValidation.Check(request)) is { } error)
            {
                await WriteErrorAsync(context, error);
                return;
            }

            var message = new FakeAnthropicMessage("msg_" + Guid.NewGuid().ToString("N")[..24], reply.Model ?? request.Model!, reply);
            if (request.IsStreaming)
            {
                await StreamAsync(context, message, behavior, pacing);
            }
            else if (behavior.BreakAfterPieces is not null)
            {
                context.Abort();
            }
            else
            {
                await WriteJsonAsync(context, StatusCodes.Status200OK, message.ToJson());
            }
        });
    }

    private async Task StreamAsync(HttpContext context, FakeAnthropicMessage message, FakeAnthropicBehavior behavior, TimeSpan pacing)
    {
        var abort = context.RequestAborted;
        StartEventStream(context);
        AddResponseHeaders(context);

        var pieces = 0;
        foreach (var (name, data, isPiece) in message.Events())
        {
            if (isPiece)
            {
                if (pieces == behavior.BreakAfterPieces)
                {
                    await BreakConnectionAsync(context);
                    return;
                }

                if (pieces == behavior.StreamErrorAfterPieces)
                {
                    await WriteEventAsync(context, "error", ErrorBody(behavior.StreamError));
                    return; // Anthropic ends the response after an error event; there is no message_stop.
                }

                pieces++;
                await PauseAsync(pacing, abort);
            }
            else if (name == "message_delta" && behavior.BreakAfterPieces is not null)
            {
                await BreakConnectionAsync(context); // broke after the last delta, before the usage arrived
                return;
            }

            await WriteEventAsync(context, name, data);
        }
    }

    /// <summary>The real API's answers to a missing or wrong key, by the header that carried it (docs/providers.md#anthropic-endpoint-and-headers).</summary>
    private FakeAnthropicError? Authenticate(RecordedRequest request)
    {
        var apiKey = request.Headers.GetValueOrDefault("x-api-key");
        if (apiKey is not null)
        {
            return apiKey == ApiKey ? null : new FakeAnthropicError(401, "authentication_error", "invalid x-api-key");
        }

        if (request.Authorization is { } authorization)
        {
            return authorization == "Bearer " + ApiKey ? null : new FakeAnthropicError(401, "authentication_error", "Invalid bearer token");
        }

        return new FakeAnthropicError(401, "authentication_error", "x-api-key header is required");
    }

    private Task WriteErrorAsync(HttpContext context, FakeAnthropicError error)
    {
        if (error.RetryAfter is { } retryAfter)
        {
            context.Response.Headers["retry-after"] = ((int)retryAfter.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return WriteJsonAsync(context, error.Status, ErrorBody(error));
    }

    private static JsonObject ErrorBody(FakeAnthropicError error) => new()
    {
        ["type"] = "error",
        ["error"] = new JsonObject { ["type"] = error.Type, ["message"] = error.Message },
        ["request_id"] = "req_" + Guid.NewGuid().ToString("N")[..24],
    };

    private static Task WriteEventAsync(HttpContext context, string name, JsonNode data) =>
        WriteFlushedAsync(context, $"event: {name}\ndata: {data.ToJsonString(WireJson)}\n\n");
}
