using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace OmniaKey.LoadTest;

/// <summary>
/// A minimal OpenAI upstream on a loopback Kestrel socket: <c>POST /v1/chat/completions</c> reads the body and
/// answers with a fixed, wire-correct completion (with <c>usage</c>), or with a fixed SSE stream when the request
/// says <c>"stream": true</c> (the usage chunk only when <c>stream_options.include_usage</c> asks for it). The answers
/// are pre-rendered bytes, so the fake costs as little as possible and the comparison measures the gateway.
/// </summary>
internal sealed class FakeUpstream : IAsyncDisposable
{
    public const string ApiKey = "sk-load-test-upstream";

    private const string Id = "chatcmpl-loadtest0000000000000000000";
    private const long Created = 1_767_225_600;
    private const string Model = "gpt-4o-mini-2024-07-18";
    private static readonly string[] Pieces = ["Hello", "! How", " can I help", " you today?"];

    private static readonly byte[] Completion = Encoding.UTF8.GetBytes(new JsonObject
    {
        ["id"] = Id,
        ["object"] = "chat.completion",
        ["created"] = Created,
        ["model"] = Model,
        ["choices"] = new JsonArray(new JsonObject
        {
            ["index"] = 0,
            ["message"] = new JsonObject
            {
                ["role"] = "assistant",
                ["content"] = string.Concat(Pieces),
                ["refusal"] = null,
                ["annotations"] = new JsonArray(),
            },
            ["logprobs"] = null,
            ["finish_reason"] = "stop",
        }),
        ["usage"] = Usage(),
        ["service_tier"] = "default",
        ["system_fingerprint"] = "fp_loadtest",
    }.ToJsonString());

    private static readonly byte[] StreamWithoutUsage = Encoding.UTF8.GetBytes(RenderStream(includeUsage: false));
    private static readonly byte[] StreamWithUsage = Encoding.UTF8.GetBytes(RenderStream(includeUsage: true));

    private readonly WebApplication app;

    private FakeUpstream(WebApplication app) => this.app = app;

    /// <summary><c>http://127.0.0.1:&lt;port&gt;/v1</c>, the OpenAI base-URL convention.</summary>
    public string BaseUrl { get; private set; } = string.Empty;

    public static async Task<FakeUpstream> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.MapPost("/v1/chat/completions", HandleAsync);
        var fake = new FakeUpstream(app);
        await app.StartAsync();
        fake.BaseUrl = new Uri(app.Urls.Single()).GetLeftPart(UriPartial.Authority) + "/v1";
        return fake;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private static async Task HandleAsync(HttpContext context)
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
            await context.Response.Body.WriteAsync(Completion, context.RequestAborted);
            return;
        }

        var includeUsage = root.TryGetProperty("stream_options", out var options)
            && options.ValueKind == JsonValueKind.Object
            && options.TryGetProperty("include_usage", out var usage)
            && usage.ValueKind == JsonValueKind.True;
        context.Response.ContentType = "text/event-stream; charset=utf-8";
        context.Response.Headers.CacheControl = "no-cache";
        await context.Response.Body.WriteAsync(includeUsage ? StreamWithUsage : StreamWithoutUsage, context.RequestAborted);
    }

    private static JsonObject Usage() => new()
    {
        ["prompt_tokens"] = 12,
        ["completion_tokens"] = 9,
        ["total_tokens"] = 21,
        ["prompt_tokens_details"] = new JsonObject { ["cached_tokens"] = 0, ["audio_tokens"] = 0 },
        ["completion_tokens_details"] = new JsonObject
        {
            ["reasoning_tokens"] = 0,
            ["audio_tokens"] = 0,
            ["accepted_prediction_tokens"] = 0,
            ["rejected_prediction_tokens"] = 0,
        },
    };

    private static string RenderStream(bool includeUsage)
    {
        var events = new StringBuilder();
        void Chunk(JsonObject delta, string? finishReason)
        {
            var chunk = Envelope(new JsonArray(new JsonObject { ["index"] = 0, ["delta"] = delta, ["logprobs"] = null, ["finish_reason"] = finishReason }));
            if (includeUsage)
            {
                chunk["usage"] = null;
            }

            events.Append("data: ").Append(chunk.ToJsonString()).Append("\n\n");
        }

        Chunk(new JsonObject { ["role"] = "assistant", ["content"] = "", ["refusal"] = null }, null);
        foreach (var piece in Pieces)
        {
            Chunk(new JsonObject { ["content"] = piece }, null);
        }

        Chunk(new JsonObject(), "stop");
        if (includeUsage)
        {
            var usage = Envelope([]);
            usage["usage"] = Usage();
            events.Append("data: ").Append(usage.ToJsonString()).Append("\n\n");
        }

        return events.Append("data: [DONE]\n\n").ToString();
    }

    private static JsonObject Envelope(JsonArray choices) => new()
    {
        ["id"] = Id,
        ["object"] = "chat.completion.chunk",
        ["created"] = Created,
        ["model"] = Model,
        ["service_tier"] = "default",
        ["system_fingerprint"] = "fp_loadtest",
        ["choices"] = choices,
    };
}
