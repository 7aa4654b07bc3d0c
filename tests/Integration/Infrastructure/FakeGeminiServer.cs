using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace OmniaKey.IntegrationTests.Infrastructure;

/// <summary>
/// An in-process fake of Google's Gemini API on a real Kestrel socket (127.0.0.1, random port), speaking its wire
/// format (docs/providers.md#gemini): <c>POST /v1beta/models/{model}:generateContent</c> (pretty JSON) and
/// <c>:streamGenerateContent?alt=sse</c> (CRLF-framed events, no <c>[DONE]</c>; without <c>alt=sse</c> a JSON array),
/// the key in <c>x-goog-api-key</c> (or <c>?key=</c>), Google's error bodies — a bad key is a 400, a missing one a
/// 403, a 429 carries <c>RetryInfo</c> and no <c>Retry-After</c>, errors on stream requests are labelled
/// <c>text/event-stream</c> — and a raw JSON error body written into a 200 stream. Function calls carry thought
/// signatures the fake remembers, so it can refuse a conversation that lost or altered them
/// (<see cref="RequireThoughtSignatures"/>). Scripted like <see cref="FakeOpenAiServer"/>.
/// </summary>
public sealed class FakeGeminiServer(string expectedApiKey = FakeGeminiServer.DefaultApiKey)
    : ScriptedUpstreamServer<FakeGeminiBehavior, FakeGeminiReply>(expectedApiKey, FakeGeminiReply.Default)
{
    public const string DefaultApiKey = "AIzaSy-fake-gemini-upstream-key";

    private readonly HashSet<string> _signatures = new(StringComparer.Ordinal);
    private bool _requireThoughtSignatures;

    /// <summary><c>http://127.0.0.1:&lt;port&gt;</c>, Gemini's base-URL convention (no version segment).</summary>
    public override string BaseUrl => Authority;

    /// <summary>A pause between stream events for every stream (a behaviour may override it).</summary>
    public TimeSpan DelayBetweenEvents
    {
        get => Pacing;
        set => Pacing = value;
    }

    /// <summary>
    /// Refuse, as Gemini 3 does, a model turn whose first function call lacks its thought signature. Signatures the
    /// fake did not issue are refused whatever this says.
    /// </summary>
    public bool RequireThoughtSignatures
    {
        get { lock (Gate) { return _requireThoughtSignatures; } }
        set { lock (Gate) { _requireThoughtSignatures = value; } }
    }

    public static async Task<FakeGeminiServer> StartNewAsync(string expectedApiKey = DefaultApiKey)
    {
        var server = new FakeGeminiServer(expectedApiKey);
        await server.StartAsync();
        return server;
    }

    public void EnqueueReply(FakeGeminiReply reply) => Enqueue(new FakeGeminiBehavior { Reply = reply });

    public void EnqueueError(FakeGeminiError error) => Enqueue(new FakeGeminiBehavior { Error = error });

    public void EnqueueDelay(TimeSpan delayBeforeHeaders) => Enqueue(new FakeGeminiBehavior { DelayBeforeHeaders = delayBeforeHeaders });

    public void EnqueueBreakAfter(int events) => Enqueue(new FakeGeminiBehavior { BreakAfterEvents = events });

    public void EnqueueErrorAfter(int events, FakeGeminiError? error = null) =>
        Enqueue(new FakeGeminiBehavior { ErrorAfterEvents = events, StreamError = error ?? FakeGeminiError.Overloaded });

    /// <summary>Clears recordings, queued behaviours and issued signatures, and restores the defaults.</summary>
    public override void Reset()
    {
        base.Reset();
        lock (Gate)
        {
            _signatures.Clear();
            _requireThoughtSignatures = false;
        }
    }

    /// <summary>The model a recorded request addressed (<c>/v1beta/models/{model}:method</c>).</summary>
    public static string ModelOf(RecordedRequest request)
    {
        var target = request.Path["/v1beta/models/".Length..];
        return target[..target.LastIndexOf(':')];
    }

    protected override void MapRoutes(IEndpointRouteBuilder routes) => routes.MapPost("/v1beta/models/{target}", HandleGenerateAsync);

    protected override void AddResponseHeaders(HttpContext context) => context.Response.Headers["server"] = "scaffolding on HTTPServer2";

    private async Task HandleGenerateAsync(HttpContext context, string target)
    {
        var request = await RecordAsync(context, includeQuery: true);
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

        var (behavior, reply, pacing) = NextScript();
        var requireSignatures = RequireThoughtSignatures;
        await AnswerAsync(context, behavior, async () =>
        {
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
        });
    }

    private async Task StreamAsync(HttpContext context, List<JsonObject> events, bool sse, FakeGeminiBehavior behavior, TimeSpan pacing)
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
                await BreakConnectionAsync(context);
                return;
            }

            if (i == behavior.ErrorAfterEvents)
            {
                // After HTTP 200 Gemini can only write the error body itself into the stream (docs/providers.md#gemini-streaming).
                await WriteFlushedAsync(context, FakeGeminiWire.Pretty(FakeGeminiWire.ErrorBody(behavior.StreamError)).Replace("\n", "\r\n", StringComparison.Ordinal));
                return;
            }

            if (i == events.Count)
            {
                return;
            }

            if (i > 0)
            {
                await PauseAsync(pacing, abort);
            }

            await WriteFlushedAsync(context, "data: " + FakeGeminiWire.SingleLine(events[i]) + "\r\n\r\n");
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
        lock (Gate)
        {
            _signatures.Add(signature);
        }

        return signature;
    }

    private bool IsIssued(string signature)
    {
        lock (Gate)
        {
            return _signatures.Contains(signature);
        }
    }

    /// <summary>Errors are pretty JSON; on stream requests Gemini labels them <c>text/event-stream</c> all the same.</summary>
    private Task WriteErrorAsync(HttpContext context, FakeGeminiError error, bool stream) =>
        WriteAsync(context, error.Status, stream ? "text/event-stream" : "application/json; charset=UTF-8", FakeGeminiWire.Pretty(FakeGeminiWire.ErrorBody(error)));

    private async Task WriteAsync(HttpContext context, int status, string contentType, string body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = contentType;
        AddResponseHeaders(context);
        await context.Response.WriteAsync(body, context.RequestAborted);
    }
}
