using System.Text.Json;
using OmniaKey.Modules.Billing.Contracts;

namespace OmniaKey.Modules.Routing.Infrastructure.Providers.Gemini;

/// <summary>
/// Gemini <c>usageMetadata</c> → <see cref="TokenUsage"/> (docs/providers.md#gemini-usage). Thoughts are not part of
/// <c>candidatesTokenCount</c>, so output is candidates + thoughts; cached tokens are part of the prompt count;
/// tool-use prompt tokens are input too. Gemini has no separately priced cache writes.
/// </summary>
internal static class GeminiUsage
{
    public static TokenUsage? Read(JsonElement response)
    {
        if (!response.TryGetProperty("usageMetadata", out var usage) || usage.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var thoughts = GeminiJson.Count(usage, "thoughtsTokenCount");
        return new TokenUsage(
            InputTokens: GeminiJson.Count(usage, "promptTokenCount") + GeminiJson.Count(usage, "toolUsePromptTokenCount"),
            OutputTokens: GeminiJson.Count(usage, "candidatesTokenCount") + thoughts,
            CacheReadTokens: GeminiJson.Count(usage, "cachedContentTokenCount"),
            CacheWriteTokens: 0,
            ReasoningTokens: thoughts);
    }
}
