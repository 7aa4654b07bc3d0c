using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace OmniaKey.IntegrationTests.Infrastructure;

/// <summary>
/// An in-process fake of the OpenAI API on a real Kestrel socket (127.0.0.1, random port), speaking the exact wire
/// format of <c>POST /v1/chat/completions</c> (plain and streamed) and <c>GET /v1/models</c>. Tests script it
/// between requests: <see cref="DefaultReply"/>, one-shot <see cref="Enqueue"/>d behaviours, and read back every
/// <see cref="Requests">received request</see>.
/// </summary>
public sealed class FakeOpenAiServer : IAsyncDisposable
{
    public const string DefaultApiKey = "sk-fake-upstream-key";

    private int _abortedRequests;

    private static readonly JsonSerializerOptions WireJson = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly Lock _gate = new();
    private readonly List<RecordedRequest> _requests = [];
    private readonly Queue<FakeBehavior> _behaviors = new();
    private readonly WebApplication _app;
    private FakeReply _defaultReply = FakeReply.Default;
    private TimeSpan _delayBetweenPieces;
    private string? _baseUrl;

    public FakeOpenAiServer(string expectedApiKey = DefaultApiKey)
    {
        ApiKey = expectedApiKey;
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        _app = builder.Build();
        _app.MapPost("/v1/chat/completions", HandleChatCompletionAsync);
        _app.MapGet("/v1/models", HandleModelsAsync);
    }

    /// <summary>The key the fake accepts in <c>Authorization: Bearer …</c>.</summary>
    public string ApiKey { get; }

    /// <summary><c>http://127.0.0.1:&lt;port&gt;/v1</c>, the OpenAI base-URL convention (it includes <c>/v1</c>).</summary>
    public string BaseUrl => _baseUrl ?? throw new InvalidOperationException("Call StartAsync before using the fake upstream.");

    /// <summary>The reply to a chat completion when no one-shot behaviour is queued.</summary>
    public FakeReply DefaultReply
    {
        get { lock (_gate) { return _defaultReply; } }
        set { lock (_gate) { _defaultReply = value; } }
    }

    /// <summary>A pause between streamed content chunks for every stream (a behaviour may override it).</summary>
    public TimeSpan DelayBetweenPieces
    {
        get { lock (_gate) { return _delayBetweenPieces; } }
        set { lock (_gate) { _delayBetweenPieces = value; } }
    }

    /// <summary>Every request received so far, oldest first (a snapshot).</summary>
    public IReadOnlyList<RecordedRequest> Requests
    {
        get { lock (_gate) { return [.. _requests]; } }
    }

    /// <summary>The chat-completion requests received so far, oldest first.</summary>
    /// <summary>How many chat requests the caller abandoned before this server finished answering.</summary>
    public int AbortedRequests => Volatile.Read(ref _abortedRequests);

    public IReadOnlyList<RecordedRequest> ChatRequests =>
        [.. Requests.Where(r => r.Path == "/v1/chat/completions")];

    public static async Task<FakeOpenAiServer> StartNewAsync(string expectedApiKey = DefaultApiKey)
    {
        var server = new FakeOpenAiServer(expectedApiKey);
        await server.StartAsync();
        return server;
    }

    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        await _app.StartAsync(cancellationToken);
        var address = _app.Urls.Single(); // after start: the address Kestrel bound, with its real port
        _baseUrl = new Uri(address).GetLeftPart(UriPartial.Authority) + "/v1";
    }

    /// <summary>Overrides the default for the next chat completion; several queue up, one per request.</summary>
    public void Enqueue(FakeBehavior behavior)
    {
        lock (_gate)
        {
            _behaviors.Enqueue(behavior);
        }
    }

    public void EnqueueReply(FakeReply reply) => Enqueue(new FakeBehavior { Reply = reply });

    public void EnqueueError(int status, string type, string? code, string message) =>
        Enqueue(new FakeBehavior { Error = new FakeError(status, type, code, message) });

    public void EnqueueDelay(TimeSpan delayBeforeHeaders) => Enqueue(new FakeBehavior { DelayBeforeHeaders = delayBeforeHeaders });

    public void EnqueueBreakAfter(int pieces) => Enqueue(new FakeBehavior { BreakAfterPieces = pieces });

    /// <summary>Clears the recorded requests and queued behaviours, and restores the default reply and pacing.</summary>
    public void Reset()
    {
        lock (_gate)
        {
            _requests.Clear();
            _abortedRequests = 0;
            _behaviors.Clear();
            _defaultReply = FakeReply.Default;
            _delayBetweenPieces = TimeSpan.Zero;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_baseUrl is not null)
        {
            await _app.StopAsync();
        }

        await _app.DisposeAsync();
    }

    private async Task HandleChatCompletionAsync(HttpContext context)
    {
        var abort = context.RequestAborted;
        var request = await RecordAsync(context);
        if (!await AuthorizeAsync(context, request))
        {
            return;
        }

        FakeBehavior behavior;
        FakeReply reply;
        TimeSpan pacing;
        lock (_gate)
        {
            behavior = _behaviors.TryDequeue(out var queued) ? queued : new FakeBehavior();
            reply = behavior.Reply ?? _defaultReply;
            pacing = behavior.DelayBetweenPieces ?? _delayBetweenPieces;
        }

        try
        {
            if (behavior.DelayBeforeHeaders > TimeSpan.Zero)
            {
                await Task.Delay(behavior.DelayBeforeHeaders, abort);
            }

            if (behavior.Error is { } error)
            {
                await WriteErrorAsync(context, error);
                return;
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
        }
        catch (OperationCanceledException) when (abort.IsCancellationRequested)
        {
            // The caller (the gateway) went away mid-request; nothing to answer.
            Interlocked.Increment(ref _abortedRequests);
        }
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

    private static async Task StreamAsync(HttpContext context, FakeCompletion completion, bool includeUsage, int? breakAfter, TimeSpan pacing, FakeError? streamError = null)
    {
        var abort = context.RequestAborted;
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "text/event-stream; charset=utf-8";
        context.Response.Headers.CacheControl = "no-cache";
        AddOpenAiHeaders(context);

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

            if (pacing > TimeSpan.Zero)
            {
                await Task.Delay(pacing, abort);
            }

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

        await context.Response.WriteAsync("data: [DONE]\n\n", abort);
        await context.Response.Body.FlushAsync(abort);
    }

    /// <summary>
    /// Kills the connection mid-stream, as a crashed upstream would. The short pause first lets the chunks already
    /// flushed reach the client; an immediate abort resets the socket and can drop them, even the headers.
    /// </summary>
    private static async Task BreakConnectionAsync(HttpContext context)
    {
        await Task.Delay(TimeSpan.FromMilliseconds(100), context.RequestAborted);
        context.Abort();
    }

    private async Task<RecordedRequest> RecordAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        JsonNode? json = null;
        try
        {
            json = body.Length == 0 ? null : JsonNode.Parse(body);
        }
        catch (JsonException)
        {
            // Recorded as-is; Validate answers 400 like the real API.
        }

        var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var request = new RecordedRequest(context.Request.Method, context.Request.Path.Value ?? "", body, json, headers);
        lock (_gate)
        {
            _requests.Add(request);
        }

        return request;
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

    private static Task WriteErrorAsync(HttpContext context, FakeError error)
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

    private static async Task WriteJsonAsync(HttpContext context, int status, JsonNode body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        AddOpenAiHeaders(context);
        await context.Response.WriteAsync(body.ToJsonString(WireJson), context.RequestAborted);
    }

    private static async Task WriteEventAsync(HttpContext context, JsonNode chunk)
    {
        await context.Response.WriteAsync("data: " + chunk.ToJsonString(WireJson) + "\n\n", context.RequestAborted);
        await context.Response.Body.FlushAsync(context.RequestAborted);
    }

    private static void AddOpenAiHeaders(HttpContext context)
    {
        context.Response.Headers["x-request-id"] = "req_" + Guid.NewGuid().ToString("N");
        context.Response.Headers["openai-version"] = "2020-10-01";
        context.Response.Headers["openai-processing-ms"] = "1";
    }
}
