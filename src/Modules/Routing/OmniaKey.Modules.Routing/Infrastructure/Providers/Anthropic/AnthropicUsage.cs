using System.Text.Json;
using OmniaKey.Modules.Billing.Contracts;

namespace OmniaKey.Modules.Routing.Infrastructure.Providers.Anthropic;

/// <summary>
/// Reads Anthropic's <c>usage</c> (docs/providers.md#anthropic-usage). Anthropic's <c>input_tokens</c> excludes cached
/// input, so all input is the sum of it and both cache counts; <c>output_tokens</c> already includes thinking.
/// </summary>
internal static class AnthropicUsage
{
    /// <summary>
    /// The usage in <paramref name="usage"/>, with any count it does not carry taken from <paramref name="previous"/>:
    /// a stream's <c>message_delta</c> repeats counts cumulatively (never as increments) and may omit the input ones.
    /// </summary>
    public static TokenUsage? Read(JsonElement usage, TokenUsage? previous = null)
    {
        if (usage.ValueKind != JsonValueKind.Object)
        {
            return previous;
        }

        var cacheRead = Count(usage, "cache_read_input_tokens") ?? previous?.CacheReadTokens ?? 0;
        var cacheWrite = Count(usage, "cache_creation_input_tokens") ?? previous?.CacheWriteTokens ?? 0;
        var uncached = Count(usage, "input_tokens")
            ?? (previous is null ? 0 : previous.InputTokens - previous.CacheReadTokens - previous.CacheWriteTokens);
        var output = Count(usage, "output_tokens") ?? previous?.OutputTokens ?? 0;
        var reasoning = usage.TryGetProperty("output_tokens_details", out var details) && details.ValueKind == JsonValueKind.Object
            ? Count(details, "thinking_tokens") ?? previous?.ReasoningTokens ?? 0
            : previous?.ReasoningTokens ?? 0;
        return new TokenUsage(uncached + cacheRead + cacheWrite, output, cacheRead, cacheWrite, reasoning);
    }

    private static long? Count(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var count)
            ? Math.Max(0, count)
            : null;
}
