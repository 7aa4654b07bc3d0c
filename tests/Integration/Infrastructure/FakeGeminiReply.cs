namespace OmniaKey.IntegrationTests.Infrastructure;

/// <summary>
/// What the fake Gemini upstream answers: text in pieces (one SSE event each, joined for a non-streaming answer),
/// thought summaries (which a gateway must not pass on as content), function calls, the finish reason and the usage
/// it reports. As in Gemini's <c>usageMetadata</c>, <see cref="ThoughtsTokens"/> are not part of
/// <see cref="CandidatesTokens"/> and <see cref="CachedTokens"/> are part of <see cref="PromptTokens"/>.
/// </summary>
public sealed record FakeGeminiReply(
    IReadOnlyList<string> Pieces,
    int PromptTokens = 12,
    int CandidatesTokens = 5,
    int ThoughtsTokens = 0,
    int CachedTokens = 0)
{
    public static FakeGeminiReply Default { get; } = new(["Hello", " from", " Gemini."]);

    public IReadOnlyList<string> Thoughts { get; init; } = [];

    public IReadOnlyList<FakeGeminiCall> Calls { get; init; } = [];

    public string FinishReason { get; init; } = "STOP";

    public string Content => string.Concat(Pieces);

    public int TotalTokens => PromptTokens + CandidatesTokens + ThoughtsTokens;

    public static FakeGeminiReply Text(string content, int promptTokens = 12, int candidatesTokens = 5, int thoughtsTokens = 0, int cachedTokens = 0) =>
        new([content], promptTokens, candidatesTokens, thoughtsTokens, cachedTokens);

    /// <summary>Only function calls, as Gemini answers when it decides to use tools.</summary>
    public static FakeGeminiReply Calling(params FakeGeminiCall[] calls) => new([], 30, 10) { Calls = calls };
}

/// <summary>A function call the fake makes: the function's name and its arguments as a JSON object.</summary>
public sealed record FakeGeminiCall(string Name, string ArgsJson);

/// <summary>
/// An error the fake answers with, in Google's shape <c>{"error":{"code","message","status","details"}}</c>
/// (docs/providers.md#gemini-errors). <see cref="DetailsJson"/> is the <c>details</c> array as JSON text.
/// </summary>
public sealed record FakeGeminiError(int Status, string GoogleStatus, string Message, string? DetailsJson = null)
{
    public static FakeGeminiError InvalidApiKey { get; } = new(400, "INVALID_ARGUMENT", "API key not valid. Please pass a valid API key.", """
        [{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"API_KEY_INVALID","domain":"googleapis.com","metadata":{"service":"generativelanguage.googleapis.com"}},
         {"@type":"type.googleapis.com/google.rpc.LocalizedMessage","locale":"en-US","message":"API key not valid. Please pass a valid API key."}]
        """);

    public static FakeGeminiError MissingApiKey { get; } = new(403, "PERMISSION_DENIED",
        "Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.");

    public static FakeGeminiError Internal { get; } = new(500, "INTERNAL", "An internal error has occurred. Please retry or report in https://developers.generativeai.google/guide/troubleshooting");

    public static FakeGeminiError Overloaded { get; } = new(503, "UNAVAILABLE", "The model is overloaded. Please try again later.");

    public static FakeGeminiError NotFound(string model) => new(404, "NOT_FOUND",
        $"models/{model} is not found for API version v1beta, or is not supported for generateContent. Call ListModels to see the list of available models and their supported methods.");

    public static FakeGeminiError InvalidArgument(string message) => new(400, "INVALID_ARGUMENT", message);

    public static FakeGeminiError RateLimited(string retryDelay = "23s") => new(429, "RESOURCE_EXHAUSTED",
        "You exceeded your current quota, please check your plan and billing details. For more information on this error, head to: https://ai.google.dev/gemini-api/docs/rate-limits.", $$"""
        [{"@type":"type.googleapis.com/google.rpc.QuotaFailure","violations":[{"quotaMetric":"generativelanguage.googleapis.com/generate_content_free_tier_requests","quotaId":"GenerateRequestsPerMinutePerProjectPerModel-FreeTier","quotaDimensions":{"location":"global","model":"gemini-2.5-flash"},"quotaValue":"10"}]},
         {"@type":"type.googleapis.com/google.rpc.Help","links":[{"description":"Learn more about Gemini API quotas","url":"https://ai.google.dev/gemini-api/docs/rate-limits"}]},
         {"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"{{retryDelay}}"}]
        """);
}

/// <summary>
/// A one-shot override for the next generate call the fake receives. Steps, in order: wait
/// <see cref="DelayBeforeHeaders"/>, answer <see cref="Error"/> if set, otherwise reply with <see cref="Reply"/> (or
/// the default). On a stream, <see cref="BreakAfterEvents"/> aborts the connection after that many events and
/// <see cref="ErrorAfterEvents"/> writes <see cref="StreamError"/> as a raw JSON body after that many events (HTTP 200
/// already sent), as Gemini does when it fails mid-stream. On a plain call a break aborts before the body.
/// </summary>
public sealed record FakeGeminiBehavior : IScriptedBehavior<FakeGeminiReply>
{
    public FakeGeminiReply? Reply { get; init; }

    public FakeGeminiError? Error { get; init; }

    public TimeSpan DelayBeforeHeaders { get; init; }

    public int? BreakAfterEvents { get; init; }

    public int? ErrorAfterEvents { get; init; }

    public FakeGeminiError StreamError { get; init; } = FakeGeminiError.Overloaded;

    public TimeSpan? DelayBetweenEvents { get; init; }

    TimeSpan? IScriptedBehavior<FakeGeminiReply>.Pacing => DelayBetweenEvents;
}
