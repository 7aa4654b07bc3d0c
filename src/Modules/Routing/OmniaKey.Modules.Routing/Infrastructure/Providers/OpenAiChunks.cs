using System.Text.Json;
using System.Text.Json.Nodes;
using OmniaKey.Domain.Money;
using OmniaKey.Modules.Billing.Contracts;

namespace OmniaKey.Modules.Routing.Infrastructure.Providers;

/// <summary>
/// Builds OpenAI Chat Completions objects (docs/providers.md#openai) for translated providers, so that every adapter
/// produces exactly the same shapes the OpenAI SDKs parse.
/// </summary>
internal static class OpenAiChunks
{
    /// <summary>The first chunk of a stream: the assistant role with empty content.</summary>
    public static string Role(TranslationContext context, string id) =>
        Chunk(context, id, new JsonObject { ["role"] = "assistant", ["content"] = "" }, null);

    public static string Content(TranslationContext context, string id, string text) =>
        Chunk(context, id, new JsonObject { ["content"] = text }, null);

    /// <summary>The first delta of tool call <paramref name="index"/> (counting tool calls only): its id and name.</summary>
    public static string ToolCallStart(TranslationContext context, string id, int index, string callId, string name, string arguments = "") =>
        Chunk(context, id, new JsonObject
        {
            ["tool_calls"] = new JsonArray(new JsonObject
            {
                ["index"] = index,
                ["id"] = callId,
                ["type"] = "function",
                ["function"] = new JsonObject { ["name"] = name, ["arguments"] = arguments },
            }),
        }, null);

    /// <summary>A fragment of tool call <paramref name="index"/>'s JSON arguments.</summary>
    public static string ToolCallArguments(TranslationContext context, string id, int index, string fragment) =>
        Chunk(context, id, new JsonObject
        {
            ["tool_calls"] = new JsonArray(new JsonObject
            {
                ["index"] = index,
                ["function"] = new JsonObject { ["arguments"] = fragment },
            }),
        }, null);

    /// <summary>The last content chunk: an empty delta with the finish reason.</summary>
    public static string Finish(TranslationContext context, string id, string finishReason) =>
        Chunk(context, id, [], finishReason);

    /// <summary>The usage chunk OpenAI sends after the last choice chunk when <c>include_usage</c> is set.</summary>
    public static string Usage(TranslationContext context, string id, TokenUsage usage, Money cost) =>
        JsonSerializer.Serialize(new JsonObject
        {
            ["id"] = id,
            ["object"] = "chat.completion.chunk",
            ["created"] = context.CreatedUnix,
            ["model"] = context.Model,
            ["choices"] = new JsonArray(),
            ["usage"] = UsageObject(usage, cost),
        });

    /// <summary>A whole <c>chat.completion</c> with one choice.</summary>
    public static JsonObject Completion(TranslationContext context, string id, JsonObject message, string finishReason, TokenUsage? usage) =>
        new()
        {
            ["id"] = id,
            ["object"] = "chat.completion",
            ["created"] = context.CreatedUnix,
            ["model"] = context.Model,
            ["choices"] = new JsonArray(new JsonObject
            {
                ["index"] = 0,
                ["message"] = message,
                ["logprobs"] = null,
                ["finish_reason"] = finishReason,
            }),
            ["usage"] = usage is null ? null : UsageObject(usage, null),
        };

    /// <summary>
    /// OpenAI's <c>usage</c> object. <c>prompt_tokens</c> counts all input, cached included; cached and reasoning
    /// tokens are subsets, as OpenAI reports them. <c>cost</c> (USD) is added when known.
    /// </summary>
    public static JsonObject UsageObject(TokenUsage usage, Money? cost)
    {
        var node = new JsonObject
        {
            ["prompt_tokens"] = usage.InputTokens,
            ["completion_tokens"] = usage.OutputTokens,
            ["total_tokens"] = usage.InputTokens + usage.OutputTokens,
            ["prompt_tokens_details"] = new JsonObject
            {
                ["cached_tokens"] = usage.CacheReadTokens,
                ["cache_write_tokens"] = usage.CacheWriteTokens,
            },
            ["completion_tokens_details"] = new JsonObject { ["reasoning_tokens"] = usage.ReasoningTokens },
        };
        if (cost is { } c)
        {
            node["cost"] = JsonValue.Create(c.ToDecimal());
        }

        return node;
    }

    private static string Chunk(TranslationContext context, string id, JsonObject delta, string? finishReason) =>
        JsonSerializer.Serialize(new JsonObject
        {
            ["id"] = id,
            ["object"] = "chat.completion.chunk",
            ["created"] = context.CreatedUnix,
            ["model"] = context.Model,
            ["choices"] = new JsonArray(new JsonObject
            {
                ["index"] = 0,
                ["delta"] = delta,
                ["logprobs"] = null,
                ["finish_reason"] = finishReason,
            }),
        });
}
