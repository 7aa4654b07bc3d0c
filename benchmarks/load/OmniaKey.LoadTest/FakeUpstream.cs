using System.Buffers;
using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace OmniaKey.LoadTest;

/// <summary>How the fake paces its streams.</summary>
/// <param name="Port">0 for any free port.</param>
/// <param name="StreamPieces">Content chunks of a stream on <c>/v1</c>.</param>
/// <param name="ChunkInterval">Time between two content chunks on <c>/v1</c>; zero writes the whole stream at once.</param>
/// <param name="SlowPieces">Content chunks of a stream on <c>/slow/v1</c> (the slow-streams soak).</param>
/// <param name="SlowInterval">Time between two content chunks on <c>/slow/v1</c>.</param>
internal sealed record FakeUpstreamOptions(int Port, int StreamPieces, TimeSpan ChunkInterval, int SlowPieces, TimeSpan SlowInterval)
{
    /// <summary>What the in-process load test always used: four chunks written at once.</summary>
    public static readonly FakeUpstreamOptions Immediate = new(0, 4, TimeSpan.Zero, 4, TimeSpan.Zero);
}

/// <summary>
/// A minimal OpenAI upstream on a loopback Kestrel socket: <c>POST /v1/chat/completions</c> reads the body and
/// answers with a fixed, wire-correct completion (with <c>usage</c>), or with an SSE stream when the request says
/// <c>"stream": true</c> (the usage chunk only when <c>stream_options.include_usage</c> asks for it), its content
/// chunks paced as <see cref="FakeUpstreamOptions"/> says. <c>POST /slow/v1/chat/completions</c> is the same with the
/// slow pacing. The answers are pre-rendered bytes, so the fake costs as little as possible and the comparison
/// measures what sits in front of it.
/// </summary>
internal sealed class FakeUpstream : IAsyncDisposable
{
    public const string ApiKey = "sk-load-test-upstream";

    private readonly WebApplication app;

    private FakeUpstream(WebApplication app) => this.app = app;

    /// <summary><c>http://127.0.0.1:&lt;port&gt;/v1</c>, the OpenAI base-URL convention.</summary>
    public string BaseUrl { get; private set; } = string.Empty;

    public static Task<FakeUpstream> StartAsync() => StartAsync(FakeUpstreamOptions.Immediate);

    public static async Task<FakeUpstream> StartAsync(FakeUpstreamOptions options)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel().UseUrls($"http://127.0.0.1:{options.Port}");
        var app = builder.Build();
        var fast = new FakeAnswers(options.StreamPieces);
        var slow = new FakeAnswers(options.SlowPieces);
        app.MapPost("/v1/chat/completions", context => HandleAsync(context, fast, options.ChunkInterval));
        app.MapPost("/slow/v1/chat/completions", context => HandleAsync(context, slow, options.SlowInterval));
        var fake = new FakeUpstream(app);
        await app.StartAsync();
        fake.BaseUrl = new Uri(app.Urls.Single()).GetLeftPart(UriPartial.Authority) + "/v1";
        return fake;
    }

    /// <summary>The <c>serve-upstream</c> verb: runs until the process is stopped.</summary>
    public static async Task<int> ServeAsync(FakeUpstreamOptions options)
    {
        await using var fake = await StartAsync(options);
        Console.WriteLine($"fake upstream listening on {fake.BaseUrl}");
        await fake.app.WaitForShutdownAsync();
        return 0;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private static async Task HandleAsync(HttpContext context, FakeAnswers answers, TimeSpan interval)
    {
        if (context.Request.Headers.Authorization != "Bearer " + ApiKey)
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }

        using var body = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
        var root = body.RootElement;
        var stream = root.TryGetProperty("stream", out var s) && s.ValueKind == JsonValueKind.True;
        context.Response.Headers["x-request-id"] = "req_loadtest";
        context.Response.Headers["openai-processing-ms"] = "1";
        if (!stream)
        {
            context.Response.ContentType = "application/json";
            await context.Response.Body.WriteAsync(answers.Completion, context.RequestAborted);
            return;
        }

        var includeUsage = root.TryGetProperty("stream_options", out var options)
            && options.ValueKind == JsonValueKind.Object
            && options.TryGetProperty("include_usage", out var usage)
            && usage.ValueKind == JsonValueKind.True;
        context.Response.ContentType = "text/event-stream; charset=utf-8";
        context.Response.Headers.CacheControl = "no-cache";
        await WriteStreamAsync(context, includeUsage ? answers.WithUsage : answers.WithoutUsage, interval);
    }

    /// <summary>
    /// The role chunk and the first content chunk at once, then each next content chunk <paramref name="interval"/>
    /// after the previous one on a fixed schedule (a late timer does not push the later chunks back), then the finish
    /// chunk, the usage chunk and <c>[DONE]</c> together, each group flushed on its own.
    /// </summary>
    private static async Task WriteStreamAsync(HttpContext context, StreamEvents events, TimeSpan interval)
    {
        var writer = context.Response.BodyWriter;
        var aborted = context.RequestAborted;
        var started = Stopwatch.GetTimestamp();
        writer.Write(events.Head);
        for (var i = 0; i < events.Content.Length; i++)
        {
            if (i > 0 && interval > TimeSpan.Zero)
            {
                await writer.FlushAsync(aborted);
                var wait = interval * i - Stopwatch.GetElapsedTime(started);
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, aborted);
                }
            }

            writer.Write(events.Content[i]);
        }

        writer.Write(events.Tail);
        await writer.FlushAsync(aborted);
    }
}
