using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace OmniaKey.IntegrationTests.Infrastructure;

/// <summary>What the scripted server itself needs of a provider's one-shot behaviour; the rest is the provider's.</summary>
public interface IScriptedBehavior<out TReply>
    where TReply : class
{
    /// <summary>The reply instead of the server's default one.</summary>
    TReply? Reply { get; }

    /// <summary>A wait before anything is answered, on the server's <see cref="ScriptedUpstreamServer{TBehavior, TReply}.Clock"/>.</summary>
    TimeSpan DelayBeforeHeaders { get; }

    /// <summary>A pause between streamed pieces instead of the server's default pacing.</summary>
    TimeSpan? Pacing { get; }
}

/// <summary>
/// The part every fake upstream shares, whatever its wire format: a real Kestrel socket on 127.0.0.1 (random port),
/// a default reply and a queue of one-shot behaviours that tests script between requests, every received request
/// recorded, pacing and delays on a <see cref="Clock"/>, and a count of the requests the caller abandoned.
/// A subclass maps its provider's routes and speaks its wire format with these helpers.
/// </summary>
public abstract class ScriptedUpstreamServer<TBehavior, TReply> : IAsyncDisposable
    where TBehavior : class, IScriptedBehavior<TReply>, new()
    where TReply : class
{
    /// <summary>How the real APIs write JSON: non-ASCII text as is, not as <c>\u</c> escapes.</summary>
    protected static readonly JsonSerializerOptions WireJson = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly List<RecordedRequest> _requests = [];
    private readonly Queue<TBehavior> _behaviors = new();
    private readonly TReply _initialReply;
    private readonly WebApplication _app;
    private TReply _defaultReply;
    private TimeSpan _pacing;
    private string? _authority;
    private int _abortedRequests;

    protected ScriptedUpstreamServer(string apiKey, TReply defaultReply)
    {
        ApiKey = apiKey;
        _initialReply = _defaultReply = defaultReply;
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        _app = builder.Build();
    }

    /// <summary>The key the fake accepts, in whichever header its provider uses.</summary>
    public string ApiKey { get; }

    /// <summary>The base URL a client is configured with, by the provider's convention (with or without a version).</summary>
    public abstract string BaseUrl { get; }

    /// <summary>
    /// The clock of scripted delays and pacing (real time by default). A test that shares a fake clock with the app
    /// plays a slow provider without waiting: the app's timeouts and the fake's delays move together.
    /// </summary>
    public TimeProvider Clock { get; set; } = TimeProvider.System;

    /// <summary>The reply when no one-shot behaviour is queued.</summary>
    public TReply DefaultReply
    {
        get { lock (Gate) { return _defaultReply; } }
        set { lock (Gate) { _defaultReply = value; } }
    }

    /// <summary>Every request received so far, oldest first (a snapshot).</summary>
    public IReadOnlyList<RecordedRequest> Requests
    {
        get { lock (Gate) { return [.. _requests]; } }
    }

    /// <summary>How many requests the caller abandoned before this server finished answering.</summary>
    public int AbortedRequests => Volatile.Read(ref _abortedRequests);

    /// <summary><c>http://127.0.0.1:&lt;port&gt;</c>, known once started.</summary>
    protected string Authority => _authority ?? throw new InvalidOperationException("Call StartAsync before using the fake upstream.");

    /// <summary>Guards the script and the recordings, and a subclass's own scripted state.</summary>
    protected Lock Gate { get; } = new();

    /// <summary>The pause between streamed pieces for every stream (a behaviour may override it).</summary>
    protected TimeSpan Pacing
    {
        get { lock (Gate) { return _pacing; } }
        set { lock (Gate) { _pacing = value; } }
    }

    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        MapRoutes(_app);
        await _app.StartAsync(cancellationToken);
        _authority = new Uri(_app.Urls.Single()).GetLeftPart(UriPartial.Authority); // after start: the port Kestrel bound
    }

    /// <summary>Overrides the default for the next scripted request; several queue up, one per request.</summary>
    public void Enqueue(TBehavior behavior)
    {
        lock (Gate)
        {
            _behaviors.Enqueue(behavior);
        }
    }

    /// <summary>Clears the recorded requests and queued behaviours, and restores the default reply and pacing.</summary>
    public virtual void Reset()
    {
        lock (Gate)
        {
            _requests.Clear();
            _abortedRequests = 0;
            _behaviors.Clear();
            _defaultReply = _initialReply;
            _pacing = TimeSpan.Zero;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_authority is not null)
        {
            await _app.StopAsync();
        }

        await _app.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    /// <summary>Maps the provider's endpoints; called once, when the server starts.</summary>
    protected abstract void MapRoutes(IEndpointRouteBuilder routes);

    /// <summary>Takes the next queued behaviour (or none), with the reply and the pacing it comes to.</summary>
    protected (TBehavior Behavior, TReply Reply, TimeSpan Pacing) NextScript()
    {
        lock (Gate)
        {
            var behavior = _behaviors.TryDequeue(out var queued) ? queued : new TBehavior();
            return (behavior, behavior.Reply ?? _defaultReply, behavior.Pacing ?? _pacing);
        }
    }

    /// <summary>
    /// Answers a scripted request: waits the behaviour's delay, then runs <paramref name="answer"/>. A caller that
    /// goes away meanwhile is counted in <see cref="AbortedRequests"/>; there is nobody left to answer.
    /// </summary>
    protected async Task AnswerAsync(HttpContext context, TBehavior behavior, Func<Task> answer)
    {
        try
        {
            await PauseAsync(behavior.DelayBeforeHeaders, context.RequestAborted);
            await answer();
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            Interlocked.Increment(ref _abortedRequests);
        }
    }

    /// <summary>Waits <paramref name="delay"/> on <see cref="Clock"/>; nothing for zero.</summary>
    protected Task PauseAsync(TimeSpan delay, CancellationToken cancellationToken) =>
        delay > TimeSpan.Zero || delay == Timeout.InfiniteTimeSpan ? Task.Delay(delay, Clock, cancellationToken) : Task.CompletedTask;

    /// <summary>Reads and records the request as it arrived; a body that is not JSON is kept as text only.</summary>
    protected async Task<RecordedRequest> RecordAsync(HttpContext context, bool includeQuery = false)
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
            // Recorded as-is; the provider's validation answers 400 like the real API.
        }

        var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var path = (context.Request.Path.Value ?? "") + (includeQuery ? context.Request.QueryString.Value : "");
        var request = new RecordedRequest(context.Request.Method, path, body, json, headers);
        lock (Gate)
        {
            _requests.Add(request);
        }

        return request;
    }

    /// <summary>
    /// Kills the connection mid-stream, as a crashed upstream would. The short real-time pause first lets what was
    /// already flushed reach the client; an immediate abort resets the socket and can drop it, even the headers.
    /// </summary>
    protected static async Task BreakConnectionAsync(HttpContext context)
    {
        await Task.Delay(TimeSpan.FromMilliseconds(100), context.RequestAborted);
        context.Abort();
    }

    /// <summary>Starts a server-sent-event response (status 200), for the provider to write its events into.</summary>
    protected static void StartEventStream(HttpContext context, string contentType = "text/event-stream; charset=utf-8")
    {
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = contentType;
        context.Response.Headers.CacheControl = "no-cache";
    }

    /// <summary>Writes text and flushes it, so that the client sees it at once (one stream event).</summary>
    protected static async Task WriteFlushedAsync(HttpContext context, string text)
    {
        await context.Response.WriteAsync(text, context.RequestAborted);
        await context.Response.Body.FlushAsync(context.RequestAborted);
    }

    /// <summary>Writes a JSON body with the provider's response headers.</summary>
    protected async Task WriteJsonAsync(HttpContext context, int status, JsonNode body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        AddResponseHeaders(context);
        await context.Response.WriteAsync(body.ToJsonString(WireJson), context.RequestAborted);
    }

    /// <summary>The headers the provider puts on every answer (request ids and the like).</summary>
    protected virtual void AddResponseHeaders(HttpContext context)
    {
    }
}
