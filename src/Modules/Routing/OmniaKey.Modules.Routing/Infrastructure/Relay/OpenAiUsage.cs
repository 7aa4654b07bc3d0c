using System.Text.Json.Nodes;
using OmniaKey.Modules.Billing.Contracts;

namespace OmniaKey.Modules.Routing.Infrastructure.Relay;

/// <summary>Reads OpenAI's <c>usage</c> object (docs/providers.md#openai-responses-and-usage). Cached and reasoning tokens are subsets.</summary>
internal static class OpenAiUsage
{
    public static TokenUsage? Parse(JsonNode? usage)
    {
        if (usage is not JsonObject obj)
        {
            return null;
        }

        return new TokenUsage(
            InputTokens: Read(obj["prompt_tokens"]),
            OutputTokens: Read(obj["completion_tokens"]),
            CacheReadTokens: Read(obj["prompt_tokens_details"]?["cached_tokens"]),
            CacheWriteTokens: Read(obj["prompt_tokens_details"]?["cache_write_tokens"]),
            ReasoningTokens: Read(obj["completion_tokens_details"]?["reasoning_tokens"]));
    }

    private static long Read(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<long>(out var number) && number > 0 ? number : 0;
}
