namespace OmniaKey.IntegrationTests.Infrastructure;

/// <summary>
/// What the fake OpenAI upstream answers to a chat completion: the content in pieces (one stream chunk each, joined
/// for a non-streaming reply) and the usage it reports. <see cref="CachedTokens"/> is a subset of
/// <see cref="PromptTokens"/>, and <see cref="ReasoningTokens"/> (hidden, never in the content) of
/// <see cref="CompletionTokens"/>, as in OpenAI's usage object. <see cref="Model"/> null echoes the requested model.
/// </summary>
public sealed record FakeReply(
    IReadOnlyList<string> Pieces,
    int PromptTokens = 12,
    int CompletionTokens = 5,
    int CachedTokens = 0,
    string? Model = null,
    int ReasoningTokens = 0)
{
    public static FakeReply Default { get; } = new(["Hello", " from", " the fake upstream."]);

    public string Content => string.Concat(Pieces);

    public static FakeReply Text(string content, int promptTokens = 12, int completionTokens = 5, int cachedTokens = 0) =>
        new([content], promptTokens, completionTokens, cachedTokens);
}

/// <summary>An error the fake answers with, in OpenAI's shape <c>{"error":{"message","type","param","code"}}</c>.</summary>
public sealed record FakeError(int Status, string Type, string? Code, string Message, int? RetryAfterSeconds = null)
{
    public static FakeError ServerError { get; } =
        new(500, "server_error", null, "The server had an error while processing your request. Sorry about that!");

    public static FakeError Overloaded { get; } =
        new(503, "server_error", null, "The engine is currently overloaded, please try again later.");

    public static FakeError RateLimited { get; } =
        new(429, "tokens", "rate_limit_exceeded", "Rate limit reached for gpt-4o on tokens per min (TPM). Please try again in 1s.");
}

/// <summary>
/// A one-shot override for the next chat completion the fake receives. Everything is optional; the steps run in
/// this order: wait <see cref="DelayBeforeHeaders"/>, answer <see cref="Error"/> if set, otherwise reply with
/// <see cref="Reply"/> (or the default reply). <see cref="BreakAfterPieces"/> aborts the connection after that many
/// content chunks (before any usage chunk or <c>[DONE]</c>); on a non-streaming request it aborts before the body.
/// </summary>
public sealed record FakeBehavior : IScriptedBehavior<FakeReply>
{
    public FakeReply? Reply { get; init; }

    public FakeError? Error { get; init; }

    public TimeSpan DelayBeforeHeaders { get; init; }

    /// <summary>Holds the answer (after <see cref="DelayBeforeHeaders"/>) until this completes: a test's signal, no clock needed.</summary>
    public Task? AnswerWhen { get; init; }

    public int? BreakAfterPieces { get; init; }

    public TimeSpan? DelayBetweenPieces { get; init; }

    /// <summary>On a stream, sends this error as an in-stream <c>{"error":…}</c> event after <see cref="BreakAfterPieces"/> chunks and ends the stream.</summary>
    public FakeError? StreamError { get; init; }

    /// <summary>Answers <c>307 Temporary Redirect</c> to this URL instead of anything else.</summary>
    public string? RedirectTo { get; init; }

    /// <summary>A <c>Set-Cookie</c> header on the answer.</summary>
    public string? SetCookie { get; init; }

    TimeSpan? IScriptedBehavior<FakeReply>.Pacing => DelayBetweenPieces;
}
