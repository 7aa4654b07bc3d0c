using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace OmniaKey.IntegrationTests.Infrastructure;

/// <summary>
/// An in-process fake of Google's Gemini API on a real Kestrel socket (127.0.0.1, random port), speaking its wire
/// format (wire-formats.md §3): <c>POST /v1beta/models/{model}:generateContent</c> (pretty JSON) and
/// <c>:streamGenerateContent?alt=sse</c> (CRLF-framed events, no <c>[DONE]</c>; without <c>alt=sse</c> a JSON array),
/// the key in <c>x-goog-api-key</c> (or <c>?key=</c>), Google's error bodies — a bad key is a 400, a missing one a
/// 403, a 429 carries <c>RetryInfo</c> and no <c>Retry-After</c>, errors on stream requests are labelled
/// <c>text/event-stream</c> — and a raw JSON error body written into a 200 stream. Function calls carry thought
/// signatures the fake remembers, so it can refuse a conversation that lost or altered them
/// (<see cref="RequireThoughtSignatures"/>). Scripted like <see cref="FakeOpenAiServer"/>.
/// </summary>
public sealed class FakeGeminiServer : IAsyncDisposable
{
    public const string DefaultApiKey = "AIzaSy-fake-gemini-upstream-key";

    private readonly Lock _gate = new();
    private readonly List<RecordedRequest> _requests = [];
    private readonly Queue<FakeGeminiBehavior> _behaviors = new();
    private readonly HashSet<string> _signatures = new(StringComparer.Ordinal);
    private readonly WebApplication _app;
    private FakeGeminiReply _defaultReply = FakeGeminiReply.Default;
    private TimeSpan _delayBetweenEvents;
    private bool _requireThoughtSignatures;
    private string? _baseUrl;

    public FakeGeminiServer(string expectedApiKey = DefaultApiKey)
    {
        ApiKey = expectedApiKey;
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        _app = builder.Build();
        _app.MapPost("/v1beta/models/{target}", HandleGenerateAsync);
    }

    /// <summary>The key the fake accepts in <c>x-goog-api-key</c>.</summary>
    public string ApiKey { get; }

    /// <summary><c>http://127.0.0.1:&lt;port&gt;</c>, Gemini's base-URL convention (no version segment).</summary>
    public string BaseUrl => _baseUrl ?? throw new InvalidOperationException("Call StartAsync before using the fake upstream.");

    public FakeGeminiReply DefaultReply
    {
        get { lock (_gate) { return _defaultReply; } }
        set { lock (_gate) { _defaultReply = value; } }
    }

    /// <summary>A pause between stream events for every stream (a behaviour may override it).</summary>
    public TimeSpan DelayBetweenEvents
    {
        get { lock (_gate) { return _delayBetweenEvents; } }
        set { lock (_gate) { _delayBetweenEvents = value; } }
    }

    /// <summary>
    /// Refuse, as Gemini 3 does, a model turn whose first function call lacks its thought signature. Signatures the
    /// fake did not issue are refused whatever this says.
    /// </summary>
    public bool RequireThoughtSignatures
    {
        get { lock (_gate) { return _requireThoughtSignatures; } }
        set { lock (_gate) { _requireThoughtSignatures = value; } }
    }

    /// <summary>Every request received so far, oldest first; <see cref="RecordedRequest.Path"/> includes the query.</summary>
    public IReadOnlyList<RecordedRequest> Requests
    {
        get { lock (_gate) { return [.. _requests]; } }
    }

    public static async Task<FakeGeminiServer> StartNewAsync(string expectedApiKey = DefaultApiKey)
    {
        var server = new FakeGeminiServer(expectedApiKey);
        await server.StartAsync();
        return server;
    }

    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        await _app.StartAsync(cancellationToken);
        _baseUrl = new Uri(_app.Urls.Single()).GetLeftPart(UriPartial.Authority);
    }

    /// <summary>Overrides the default for the next generate call; several queue up, one per request.</summary>
    public void Enqueue(FakeGeminiBehavior behavior)
    {
        lock (_gate)
        {
            _behaviors.Enqueue(behavior);
        }
    }

    public void EnqueueReply(FakeGeminiReply reply) => Enqueue(new FakeGeminiBehavior { Reply = reply });

    public void EnqueueError(FakeGeminiError error) => Enqueue(new FakeGeminiBehavior { Error = error });

    public void EnqueueDelay(TimeSpan delayBeforeHeaders) => Enqueue(new FakeGeminiBehavior { DelayBeforeHeaders = delayBeforeHeaders });

    public void EnqueueBreakAfter(int events) => Enqueue(new FakeGeminiBehavior { BreakAfterEvents = events });

    public void EnqueueErrorAfter(int events, FakeGeminiError? error = null) =>
        Enqueue(new FakeGeminiBehavior { ErrorAfterEvents = events, StreamError = error ?? FakeGeminiError.Overloaded });

    /// <summary>Clears recordings, queued behaviours and issued signatures, and restores the defaults.</summary>
    public void Reset()
    {
        lock (_gate)
        {
            _requests.Clear();
            _behaviors.Clear();
            _signatures.Clear();
            _defaultReply = FakeGeminiReply.Default;
            _delayBetweenEvents = TimeSpan.Zero;
            _requireThoughtSignatures = false;
        }
    }

    /// <summary>The model a recorded request addressed (<c>/v1beta/models/{model}:method</c>).</summary>
    public static string ModelOf(RecordedRequest request)
    {
        var target = request.Path["/v1beta/models/".Length..];
        return target[..target.LastIndexOf(':')];
    }

    public async ValueTask DisposeAsync()
    {
        if (_baseUrl is not null)
        {
            await _app.StopAsync();
        }

        await _app.DisposeAsync();
    }

    private async Task HandleGenerateAsync(HttpContext context, string target)
    {
        var abort = context.RequestAborted;
        var request = await RecordAsync(context);
        var colon = target.LastIndexOf(':');
        var model = colon < 0 ? target : target[..colon];
        var method = colon < 0 ? "" : target[(colon + 1)..];
        var stream = method == "streamGenerateContent";
        if (method != "generateContent" && !stream)
        {
            await WriteErrorAsync(context, FakeGeminiError.NotFound(model), stream);
            return;
        }

        if (Unauthorized(request) is { } denied)
        {
            await WriteErrorAsync(context, denied, stream);
            return;
        }

        FakeGeminiBehavior behavior;
        FakeGeminiReply reply;
        TimeSpan pacing;
        bool requireSignatures;
        lock (_gate)
        {
            behavior = _behaviors.TryDequeue(out var queued) ? queued : new FakeGeminiBehavior();
            reply = behavior.Reply ?? _defaultReply;
            pacing = behavior.DelayBetweenEvents ?? _delayBetweenEvents;
            requireSignatures = _requireThoughtSignatures;
        }

        try
        {
            if (behavior.DelayBeforeHeaders > TimeSpan.Zero)
            {
                await Task.Delay(behavior.DelayBeforeHeaders, abort);
            }

            var invalid = behavior.Error ?? FakeGeminiWire.Validate(request.Json, IsIssued, requireSignatures);
            if (invalid is not null)
            {
                await WriteErrorAsync(context, invalid, stream);
                return;
            }

            if (stream)
            {
                var sse = context.Request.Query["alt"] == "sse";
                await StreamAsync(context, FakeGeminiWire.Events(reply, model, Sign), sse, behavior, pacing);
            }
            else if (behavior.BreakAfterEvents is not null)
            {
                context.Abort();
            }
            else
            {
                var candidates = (int?)request.Json?["generationConfig"]?["candidateCount"] ?? 1;
                await WriteAsync(context, 200, "application/json; charset=UTF-8", FakeGeminiWire.Pretty(FakeGeminiWire.Response(reply, candidates, model, Sign)));
            }
        }
        catch (OperationCanceledException) when (abort.IsCancellationRequested)
        {
            // The caller (the gateway) went away mid-request; nothing to answer.
        }
    }

    private static async Task StreamAsync(HttpContext context, List<JsonObject> events, bool sse, FakeGeminiBehavior behavior, TimeSpan pacing)
    {
        var abort = context.RequestAborted;
        context.Response.StatusCode = 200;
        context.Response.ContentType = sse ? "text/event-stream" : "application/json; charset=UTF-8";
        if (!sse)
        {
            // Without alt=sse Gemini streams one JSON array; a gateway reading it as SSE would see no events.
            await context.Response.WriteAsync("[" + string.Join(",\r\n", events.Select(FakeGeminiWire.SingleLine)) + "]", abort);
            return;
        }

        for (var i = 0; i <= events.Count; i++)
        {
            if (i == behavior.BreakAfterEvents)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100), abort); // let flushed events reach the client first
                context.Abort();
                return;
            }

            if (i == behavior.ErrorAfterEvents)
            {
                // After HTTP 200 Gemini can only write the error body itself into the stream (wire-formats.md §3.4).
                await context.Response.WriteAsync(FakeGeminiWire.Pretty(FakeGeminiWire.ErrorBody(behavior.StreamError)).Replace("\n", "\r\n", StringComparison.Ordinal), abort);
                await context.Response.Body.FlushAsync(abort);
                return;
            }

            if (i == events.Count)
            {
                return;
            }

            if (pacing > TimeSpan.Zero && i > 0)
            {
                await Task.Delay(pacing, abort);
            }

            await context.Response.WriteAsync("data: " + FakeGeminiWire.SingleLine(events[i]) + "\r\n\r\n", abort);
            await context.Response.Body.FlushAsync(abort);
        }
    }

    private FakeGeminiError? Unauthorized(RecordedRequest request)
    {
        var key = request.Headers.GetValueOrDefault("x-goog-api-key");
        if (string.IsNullOrEmpty(key) && request.Path.Contains("key=", StringComparison.Ordinal))
        {
            key = Uri.UnescapeDataString(request.Path[(request.Path.IndexOf("key=", StringComparison.Ordinal) + 4)..].Split('&')[0]);
        }

        return string.IsNullOrEmpty(key) ? FakeGeminiError.MissingApiKey : key == ApiKey ? null : FakeGeminiError.InvalidApiKey;
    }

    private string Sign()
    {
        var signature = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48));
        lock (_gate)
        {
            _signatures.Add(signature);
        }

        return signature;
    }

    private bool IsIssued(string signature)
    {
        lock (_gate)
        {
            return _signatures.Contains(signature);
        }
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
        var path = (context.Request.Path.Value ?? "") + context.Request.QueryString.Value;
        var request = new RecordedRequest(context.Request.Method, path, body, json, headers);
        lock (_gate)
        {
            _requests.Add(request);
        }

        return request;
    }

    /// <summary>Errors are pretty JSON; on stream requests Gemini labels them <c>text/event-stream</c> all the same.</summary>
    private static Task WriteErrorAsync(HttpContext context, FakeGeminiError error, bool stream) =>
        WriteAsync(context, error.Status, stream ? "text/event-stream" : "application/json; charset=UTF-8", FakeGeminiWire.Pretty(FakeGeminiWire.ErrorBody(error)));

    private static async Task WriteAsync(HttpContext context, int status, string contentType, string body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = contentType;
        context.Response.Headers["server"] = "scaffolding on HTTPServer2";
        await context.Response.WriteAsync(body, context.RequestAborted);
    }
}
