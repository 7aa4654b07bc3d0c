using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace OmniaKey.IntegrationTests.Infrastructure;

/// <summary>
/// An in-process fake of the OpenAI API on a real Kestrel socket (127.0.0.1, random port), speaking the exact wire
/// format of <c>POST /v1/chat/completions</c> (plain and streamed) and <c>GET /v1/models</c>. Tests script it
/// between requests (<see cref="ScriptedUpstreamServer{TBehavior, TReply}"/>): a default reply, one-shot
/// behaviours, and every received request to read back.
/// </summary>
public sealed class FakeOpenAiServer(string expectedApiKey = FakeOpenAiServer.DefaultApiKey)
    : ScriptedUpstreamServer<FakeBehavior, FakeReply>(expectedApiKey, FakeReply.Default)
{
    public const string DefaultApiKey = "sk-fake-upstream-key";

    /// <summary><c>http://127.0.0.1:&lt;port&gt;/v1</c>, the OpenAI base-URL convention (it includes <c>/v1</c>).</summary>
    public override string BaseUrl => Authority + "/v1";

    /// <summary>A pause between streamed content chunks for every stream (a behaviour may override it).</summary>
    public TimeSpan DelayBetweenPieces
    {
        get => Pacing;
        set => Pacing = value;
    }

    /// <summary>The chat-completion requests received so far, oldest first.</summary>
    public IReadOnlyList<RecordedRequest> ChatRequests =>
        [.. Requests.Where(r => r.Path == "/v1/chat/completions")];

    public static async Task<FakeOpenAiServer> StartNewAsync(string expectedApiKey = DefaultApiKey)
    {
        var server = new FakeOpenAiServer(expectedApiKey);
        await server.StartAsync();
        return server;
    }

    public void EnqueueReply(FakeReply reply) => Enqueue(new FakeBehavior { Reply = reply });

    public void EnqueueError(int status, string type, string? code, string message) =>
        Enqueue(new FakeBehavior { Error = new FakeError(status, type, code, message) });

    public void EnqueueDelay(TimeSpan delayBeforeHeaders) => Enqueue(new FakeBehavior { DelayBeforeHeaders = delayBeforeHeaders });

    public void EnqueueBreakAfter(int pieces) => Enqueue(new FakeBehavior { BreakAfterPieces = pieces });

    protected override void MapRoutes(IEndpointRouteBuilder routes)
    {
        routes.MapPost("/v1/chat/completions", HandleChatCompletionAsync);
        routes.MapGet("/v1/models", HandleModelsAsync);
    }

    protected override void AddResponseHeaders(HttpContext context)
    {
        context.Response.Headers["x-request-id"] = "req_" + Guid.NewGuid().ToString("N");
        context.Response.Headers["openai-version"] = "2020-10-01";
        context.Response.Headers["openai-processing-ms"] = "1";
    }

    private async Task HandleChatCompletionAsync(HttpContext context)
    {
        var request = await RecordAsync(context);
        if (!await AuthorizeAsync(context, request))
        {
            return;
        }

        var (behavior, reply, pacing) = NextScript();
        await AnswerAsync(context, behavior, async () =>
        {
            if (behavior.AnswerWhen is { } signal)
            {
                await signal.WaitAsync(context.RequestAborted);
            }

            if (behavior.Error is { } error)
            {
                await WriteErrorAsync(context, error);
                return;
            }

            if (behavior.RedirectTo is { } location)
            {
                context.Response.StatusCode = StatusCodes.Status307TemporaryRedirect;
                context.Response.Headers.Location = location;
                return;
            }

            if (behavior.SetCookie is { } cookie)
            {
                context.Response.Headers.SetCookie = cookie;
            }

            if (Validate(request.Json) is { } invalid)
            {
                await WriteErrorAsync(context, invalid);
                return;
            }

            var completion = new FakeCompletion(
                "chatcmpl-" + Guid.NewGuid().ToString("N"),
                DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
                reply.Model ?? request.Model!,
                reply);
            if (request.IsStreaming)
            {
                await StreamAsync(context, completion, request.IncludeUsage, behavior.BreakAfterPieces, pacing, behavior.StreamError);
            }
            else if (behavior.BreakAfterPieces is not null)
            {
                context.Abort();
            }
            else
            {
                await WriteJsonAsync(context, StatusCodes.Status200OK, completion.ToJson());
            }
        });
    }

    private async Task HandleModelsAsync(HttpContext context)
    {
        var request = await RecordAsync(context);
        if (!await AuthorizeAsync(context, request))
        {
            return;
        }

        var model = new JsonObject { ["id"] = "gpt-4o", ["object"] = "model", ["created"] = 1715367049, ["owned_by"] = "system" };
        await WriteJsonAsync(context, StatusCodes.Status200OK, new JsonObject { ["object"] = "list", ["data"] = new JsonArray(model) });
    }

    private async Task StreamAsync(HttpContext context, FakeCompletion completion, bool includeUsage, int? breakAfter, TimeSpan pacing, FakeError? streamError = null)
    {
        var abort = context.RequestAborted;
        StartEventStream(context);
        AddResponseHeaders(context);

        var role = new JsonObject { ["role"] = "assistant", ["content"] = "", ["refusal"] = null };
        await WriteEventAsync(context, completion.Chunk(role, finishReason: null, includeUsage));

        var pieces = completion.Reply.Pieces;
        for (var i = 0; i < pieces.Count; i++)
        {
            if (i == breakAfter && streamError is not null)
            {
                // OpenAI's in-stream failure: an error object instead of a chunk, then the end of the stream.
                await WriteEventAsync(context, new JsonObject
                {
                    ["error"] = new JsonObject { ["message"] = streamError.Message, ["type"] = streamError.Type, ["param"] = null, ["code"] = streamError.Code },
                });
                return;
            }

            if (i == breakAfter)
            {
                await BreakConnectionAsync(context);
                return;
            }

            await PauseAsync(pacing, abort);
            await WriteEventAsync(context, completion.Chunk(new JsonObject { ["content"] = pieces[i] }, finishReason: null, includeUsage));
        }

        if (breakAfter is not null)
        {
            await BreakConnectionAsync(context);
            return;
        }

        await WriteEventAsync(context, completion.Chunk(new JsonObject(), finishReason: "stop", includeUsage));
        if (includeUsage)
        {
            await WriteEventAsync(context, completion.UsageChunk());
        }

        await WriteFlushedAsync(context, "data: [DONE]\n\n");
    }

    private async Task<bool> AuthorizeAsync(HttpContext context, RecordedRequest request)
    {
        var authorization = request.Authorization;
        if (authorization == "Bearer " + ApiKey)
        {
            return true;
        }

        var error = string.IsNullOrEmpty(authorization)
            ? new FakeError(401, "invalid_request_error", null,
                "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).")
            : new FakeError(401, "invalid_request_error", "invalid_api_key",
                "Incorrect API key provided. You can find your API key at https://platform.openai.com/account/api-keys.");
        await WriteErrorAsync(context, error);
        return false;
    }

    /// <summary>The few checks of the real API that catch a gateway sending a malformed upstream request.</summary>
    private static FakeError? Validate(JsonNode? json)
    {
        if (json is not JsonObject body)
        {
            return new FakeError(400, "invalid_request_error", null,
                "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly.)");
        }

        if (RecordedRequest.Value<string>(body, "model") is null)
        {
            return new FakeError(400, "invalid_request_error", null, "you must provide a model parameter");
        }

        if (body["messages"] is not JsonArray { Count: > 0 })
        {
            return new FakeError(400, "invalid_request_error", "empty_array", "Invalid 'messages': empty array. Expected an array with minimum length 1.");
        }

        if (body["stream_options"] is not null && !RecordedRequest.Value<bool>(body, "stream"))
        {
            return new FakeError(400, "invalid_request_error", null, "The 'stream_options' parameter is only allowed when 'stream' is enabled.");
        }

        return null;
    }

    private Task WriteErrorAsync(HttpContext context, FakeError error)
    {
        if (error.RetryAfterSeconds is { } retryAfter)
        {
            context.Response.Headers.RetryAfter = retryAfter.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        var body = new JsonObject
        {
            ["error"] = new JsonObject
            {
                ["message"] = error.Message,
                ["type"] = error.Type,
                ["param"] = null,
                ["code"] = error.Code,
            },
        };
        return WriteJsonAsync(context, error.Status, body);
    }

    private static Task WriteEventAsync(HttpContext context, JsonNode chunk) =>
        WriteFlushedAsync(context, "data: " + chunk.ToJsonString(WireJson) + "\n\n");
}
