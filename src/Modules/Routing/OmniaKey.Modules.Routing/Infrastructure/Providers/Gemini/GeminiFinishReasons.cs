namespace OmniaKey.Modules.Routing.Infrastructure.Providers.Gemini;

/// <summary>
/// Gemini <c>finishReason</c> → OpenAI <c>finish_reason</c> (docs/providers.md#gemini-finish-reasons). A function call ends with
/// <c>STOP</c>, so <c>tool_calls</c> is inferred from the presence of calls. Safety-type stops are content filters;
/// reasons with no OpenAI equivalent (<c>OTHER</c>, <c>MALFORMED_FUNCTION_CALL</c>, <c>LANGUAGE</c>…) end as
/// <c>stop</c>, because the answer so far is still delivered and the client must not retry it as an error.
/// </summary>
internal static class GeminiFinishReasons
{
    public const string Stop = "stop";
    public const string Length = "length";
    public const string ToolCalls = "tool_calls";
    public const string ContentFilter = "content_filter";

    public static string ToOpenAi(string? reason, bool calledTools) => reason switch
    {
        "MAX_TOKENS" => Length,
        "SAFETY" or "RECITATION" or "BLOCKLIST" or "PROHIBITED_CONTENT" or "SPII" or "IMAGE_SAFETY" => ContentFilter,
        not null when IsSafetyFamily(reason) => ContentFilter,
        _ => calledTools ? ToolCalls : Stop,
    };

    /// <summary>Newer safety reasons (e.g. <c>IMAGE_PROHIBITED_CONTENT</c>) follow the same naming.</summary>
    private static bool IsSafetyFamily(string reason) =>
        reason.Contains("SAFETY", StringComparison.Ordinal) || reason.Contains("PROHIBITED", StringComparison.Ordinal)
        || reason.Contains("RECITATION", StringComparison.Ordinal) || reason.Contains("BLOCKLIST", StringComparison.Ordinal);
}
