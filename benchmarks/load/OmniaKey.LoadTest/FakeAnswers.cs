using System.Text;
using System.Text.Json.Nodes;

namespace OmniaKey.LoadTest;

/// <summary>
/// The fake upstream's answers, rendered once into bytes in OpenAI's wire format (<c>docs/providers.md</c>): a chat
/// completion with <c>usage</c>, and an SSE stream cut into its events — the role chunk, one chunk per content piece
/// (each with <c>"usage":null</c> when the usage chunk was asked for, and the <c>obfuscation</c> padding OpenAI adds
/// by default), the <c>finish_reason</c> chunk, the usage chunk (<c>choices: []</c>) and <c>data: [DONE]</c>.
/// </summary>
internal sealed class FakeAnswers
{
    public const int PromptTokens = 12;
    public const int CompletionTokens = 9;

    private const string Id = "chatcmpl-loadtest0000000000000000000";
    private const long Created = 1_767_225_600;
    private const string Model = "gpt-4o-mini-2024-07-18";
    private static readonly string[] Greeting = ["Hello", "! How", " can I help", " you today?"];

    /// <param name="streamPieces">How many content chunks a stream has: one token each.</param>
    public FakeAnswers(int streamPieces)
    {
        var pieces = streamPieces == Greeting.Length
            ? Greeting
            : Enumerable.Range(0, streamPieces).Select(i => i == 0 ? "Token" : " token").ToArray();
        Completion = Encoding.UTF8.GetBytes(new JsonObject
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
                    ["content"] = string.Concat(Greeting),
                    ["refusal"] = null,
                    ["annotations"] = new JsonArray(),
                },
                ["logprobs"] = null,
                ["finish_reason"] = "stop",
            }),
            ["usage"] = Usage(PromptTokens, CompletionTokens),
            ["service_tier"] = "default",
            ["system_fingerprint"] = "fp_loadtest",
        }.ToJsonString());
        WithUsage = Render(pieces, includeUsage: true);
        WithoutUsage = Render(pieces, includeUsage: false);
    }

    public byte[] Completion { get; }

    /// <summary>The stream's events when <c>stream_options.include_usage</c> is true.</summary>
    public StreamEvents WithUsage { get; }

    public StreamEvents WithoutUsage { get; }

    private static StreamEvents Render(string[] pieces, bool includeUsage)
    {
        byte[] Event(JsonNode chunk) => Encoding.UTF8.GetBytes("data: " + chunk.ToJsonString() + "\n\n");
        JsonObject Chunk(JsonObject delta, string? finishReason, bool padded)
        {
            var chunk = Envelope(new JsonArray(new JsonObject { ["index"] = 0, ["delta"] = delta, ["logprobs"] = null, ["finish_reason"] = finishReason }));
            if (includeUsage)
            {
                chunk["usage"] = null;
            }

            if (padded)
            {
                chunk["obfuscation"] = "r4nd0m";
            }

            return chunk;
        }

        var head = Event(Chunk(new JsonObject { ["role"] = "assistant", ["content"] = "", ["refusal"] = null }, null, padded: true));
        var content = pieces.Select(p => Event(Chunk(new JsonObject { ["content"] = p }, null, padded: true))).ToArray();
        var tail = new List<byte>(Event(Chunk(new JsonObject(), "stop", padded: true)));
        if (includeUsage)
        {
            var usage = Envelope([]);
            usage["usage"] = Usage(PromptTokens, pieces.Length);
            tail.AddRange(Event(usage));
        }

        tail.AddRange("data: [DONE]\n\n"u8.ToArray());
        return new StreamEvents(head, content, [.. tail]);
    }

    private static JsonObject Usage(int prompt, int completion) => new()
    {
        ["prompt_tokens"] = prompt,
        ["completion_tokens"] = completion,
        ["total_tokens"] = prompt + completion,
        ["prompt_tokens_details"] = new JsonObject { ["cached_tokens"] = 0, ["audio_tokens"] = 0 },
        ["completion_tokens_details"] = new JsonObject
        {
            ["reasoning_tokens"] = 0,
            ["audio_tokens"] = 0,
            ["accepted_prediction_tokens"] = 0,
            ["rejected_prediction_tokens"] = 0,
        },
    };

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

/// <summary>A stream as bytes: the role chunk, one event per content chunk, then finish, usage and <c>[DONE]</c>.</summary>
internal sealed record StreamEvents(byte[] Head, byte[][] Content, byte[] Tail);
