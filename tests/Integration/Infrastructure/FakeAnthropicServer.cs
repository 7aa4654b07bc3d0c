using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace OmniaKey.IntegrationTests.Infrastructure;

/// <summary>
/// An in-process fake of Anthropic's Messages API on a real Kestrel socket (127.0.0.1, random port), speaking its wire
/// format (wire-formats.md §2): <c>POST /v1/messages</c> plain and streamed (text, thinking and tool-use blocks,
/// pings, cumulative usage), its error bodies, mid-stream <c>event: error</c>, and the checks of the real API that
/// catch a gateway sending a malformed request (auth, <c>anthropic-version</c>, required <c>max_tokens</c>, roles,
/// empty text, tool_use/tool_result pairing). Scripted like <see cref="FakeOpenAiServer"/>.
/// </summary>
public sealed class FakeAnthropicServer : IAsyncDisposable
{
    public const string DefaultApiKey = "sk-ant-fake-upstream-key";

    private static readonly JsonSerializerOptions WireJson = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly Lock _gate = new();
    private readonly List<RecordedRequest> _requests = [];
    private readonly Queue<FakeAnthropicBehavior> _behaviors = new();
    private readonly WebApplication _app;
    private FakeAnthropicReply _defaultReply = FakeAnthropicReply.Default;
    private TimeSpan _delayBetweenPieces;
    private string? _baseUrl;
    private int _abortedRequests;

    public FakeAnthropicServer(string expectedApiKey = DefaultApiKey)
    {
        ApiKey = expectedApiKey;
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        _app = builder.Build();
        _app.MapPost("/v1/messages", HandleMessagesAsync);
    }

    /// <summary>The key the fake accepts in <c>x-api-key</c> (or, as SDK 1.x sends it, <c>Authorization: Bearer</c>).</summary>
    public string ApiKey { get; }

    /// <summary><c>http://127.0.0.1:&lt;port&gt;</c>, Anthropic's base-URL convention (without <c>/v1</c>).</summary>
    public string BaseUrl => _baseUrl ?? throw new InvalidOperationException("Call StartAsync before using the fake upstream.");

    public FakeAnthropicReply DefaultReply
    {
        get { lock (_gate) { return _defaultReply; } }
        set { lock (_gate) { _defaultReply = value; } }
    }

    /// <summary>A pause before each streamed delta for every stream (a behaviour may override it).</summary>
    public TimeSpan DelayBetweenPieces
    {
        get { lock (_gate) { return _delayBetweenPieces; } }
        set { lock (_gate) { _delayBetweenPieces = value; } }
    }

    public IReadOnlyList<RecordedRequest> Requests
    {
        get { lock (_gate) { return [.. _requests]; } }
    }

    /// <summary>How many message requests the caller abandoned before this server finished answering.</summary>
    public int AbortedRequests => Volatile.Read(ref _abortedRequests);

    public IReadOnlyList<RecordedRequest> MessageRequests => [.. Requests.Where(r => r.Path == "/v1/messages")];

    public static async Task<FakeAnthropicServer> StartNewAsync(string expectedApiKey = DefaultApiKey)
    {
        var server = new FakeAnthropicServer(expectedApiKey);
        await server.StartAsync();
        return server;
    }

    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        await _app.StartAsync(cancellationToken);
        _baseUrl = new Uri(_app.Urls.Single()).GetLeftPart(UriPartial.Authority);
    }

    public void Enqueue(FakeAnthropicBehavior behavior)
    {
        lock (_gate)
        {
            _behaviors.Enqueue(behavior);
        }
    }

    public void EnqueueReply(FakeAnthropicReply reply) => Enqueue(new FakeAnthropicBehavior { Reply = reply });

    public void EnqueueError(int status, string type, string message, TimeSpan? retryAfter = null) =>
        Enqueue(new FakeAnthropicBehavior { Error = new FakeAnthropicError(status, type, message, retryAfter) });

    public void EnqueueDelay(TimeSpan delayBeforeHeaders) => Enqueue(new FakeAnthropicBehavior { DelayBeforeHeaders = delayBeforeHeaders });

    public void EnqueueBreakAfter(int pieces) => Enqueue(new FakeAnthropicBehavior { BreakAfterPieces = pieces });

    public void EnqueueStreamError(int afterPieces, FakeAnthropicError? error = null) =>
        Enqueue(new FakeAnthropicBehavior { StreamErrorAfterPieces = afterPieces, StreamError = error ?? FakeAnthropicError.Overloaded });

    public void Reset()
    {
        lock (_gate)
        {
            _requests.Clear();
            _abortedRequests = 0;
            _behaviors.Clear();
            _defaultReply = FakeAnthropicReply.Default;
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

    private async Task HandleMessagesAsync(HttpContext context)
    {
        var abort = context.RequestAborted;
        var request = await RecordAsync(context);
        if (Authenticate(request) is { } unauthorized)
        {
            await WriteErrorAsync(context, unauthorized);
            return;
        }

        FakeAnthropicBehavior behavior;
        FakeAnthropicReply reply;
        TimeSpan pacing;
        lock (_gate)
        {
            behavior = _behaviors.TryDequeue(out var queued) ? queued : new FakeAnthropicBehavior();
            reply = behavior.Reply ?? _defaultReply;
            pacing = behavior.DelayBetweenPieces ?? _delayBetweenPieces;
        }

        try
        {
            if (behavior.DelayBeforeHeaders > TimeSpan.Zero)
            {
                await Task.Delay(behavior.DelayBeforeHeaders, abort);
            }

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
        }
        catch (OperationCanceledException) when (abort.IsCancellationRequested)
        {
            // The gateway went away mid-request; nothing to answer.
            Interlocked.Increment(ref _abortedRequests);
        }
    }

    private static async Task StreamAsync(HttpContext context, FakeAnthropicMessage message, FakeAnthropicBehavior behavior, TimeSpan pacing)
    {
        var abort = context.RequestAborted;
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "text/event-stream; charset=utf-8";
        context.Response.Headers.CacheControl = "no-cache";
        AddAnthropicHeaders(context);

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
                if (pacing > TimeSpan.Zero)
                {
                    await Task.Delay(pacing, abort);
                }
            }
            else if (name == "message_delta" && behavior.BreakAfterPieces is not null)
            {
                await BreakConnectionAsync(context); // broke after the last delta, before the usage arrived
                return;
            }

            await WriteEventAsync(context, name, data);
        }
    }

    /// <summary>Kills the connection mid-stream; the pause first lets the flushed events reach the client.</summary>
    private static async Task BreakConnectionAsync(HttpContext context)
    {
        await Task.Delay(TimeSpan.FromMilliseconds(100), context.RequestAborted);
        context.Abort();
    }

    /// <summary>The real API's answers to a missing or wrong key, by the header that carried it (§2.1).</summary>
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
            // Recorded as-is; validation answers 400 like the real API.
        }

        var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var request = new RecordedRequest(context.Request.Method, context.Request.Path.Value ?? "", body, json, headers);
        lock (_gate)
        {
            _requests.Add(request);
        }

        return request;
    }

    private static Task WriteErrorAsync(HttpContext context, FakeAnthropicError error)
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

    private static async Task WriteJsonAsync(HttpContext context, int status, JsonNode body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        AddAnthropicHeaders(context);
        await context.Response.WriteAsync(body.ToJsonString(WireJson), context.RequestAborted);
    }

    private static async Task WriteEventAsync(HttpContext context, string name, JsonNode data)
    {
        await context.Response.WriteAsync($"event: {name}\ndata: {data.ToJsonString(WireJson)}\n\n", context.RequestAborted);
        await context.Response.Body.FlushAsync(context.RequestAborted);
    }

    private static void AddAnthropicHeaders(HttpContext context)
    {
        context.Response.Headers["request-id"] = "req_" + Guid.NewGuid().ToString("N")[..24];
        context.Response.Headers["anthropic-organization-id"] = "00000000-0000-0000-0000-000000000000";
    }
}
