using System.Text.Json.Nodes;

namespace OmniaKey.IntegrationTests.Infrastructure;

/// <summary>One fake completion rendered in OpenAI's wire format: the response object, or the stream chunks.</summary>
internal sealed record FakeCompletion(string Id, long Created, string Model, FakeReply Reply)
{
    public JsonObject ToJson()
    {
        var message = new JsonObject
        {
            ["role"] = "assistant",
            ["content"] = Reply.Content,
            ["refusal"] = null,
            ["annotations"] = new JsonArray(),
        };
        var choice = new JsonObject { ["index"] = 0, ["message"] = message, ["logprobs"] = null, ["finish_reason"] = "stop" };
        return new JsonObject
        {
            ["id"] = Id,
            ["object"] = "chat.completion",
            ["created"] = Created,
            ["model"] = Model,
            ["choices"] = new JsonArray(choice),
            ["usage"] = Usage(),
            ["service_tier"] = "default",
            ["system_fingerprint"] = "fp_test",
        };
    }

    public JsonObject Chunk(JsonObject delta, string? finishReason, bool includeUsage)
    {
        var choice = new JsonObject { ["index"] = 0, ["delta"] = delta, ["logprobs"] = null, ["finish_reason"] = finishReason };
        var chunk = ChunkEnvelope(new JsonArray(choice));
        if (includeUsage)
        {
            chunk["usage"] = null;
        }

        return chunk;
    }

    public JsonObject UsageChunk()
    {
        var chunk = ChunkEnvelope([]);
        chunk["usage"] = Usage();
        return chunk;
    }

    private JsonObject ChunkEnvelope(JsonArray choices) => new()
    {
        ["id"] = Id,
        ["object"] = "chat.completion.chunk",
        ["created"] = Created,
        ["model"] = Model,
        ["service_tier"] = "default",
        ["system_fingerprint"] = "fp_test",
        ["choices"] = choices,
    };

    private JsonObject Usage() => new()
    {
        ["prompt_tokens"] = Reply.PromptTokens,
        ["completion_tokens"] = Reply.CompletionTokens,
        ["total_tokens"] = Reply.PromptTokens + Reply.CompletionTokens,
        ["prompt_tokens_details"] = new JsonObject { ["cached_tokens"] = Reply.CachedTokens, ["audio_tokens"] = 0 },
        ["completion_tokens_details"] = new JsonObject
        {
            ["reasoning_tokens"] = Reply.ReasoningTokens,
            ["audio_tokens"] = 0,
            ["accepted_prediction_tokens"] = 0,
            ["rejected_prediction_tokens"] = 0,
        },
    };
}
