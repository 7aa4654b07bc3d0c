namespace OmniaKey.IntegrationTests.Infrastructure;

/// <summary>One content block of a fake Anthropic answer, in the order Claude would produce them.</summary>
public abstract record FakeAnthropicBlock;

/// <summary>A <c>text</c> block; each piece is one <c>text_delta</c> when streamed.</summary>
public sealed record FakeTextBlock(IReadOnlyList<string> Pieces) : FakeAnthropicBlock
{
    public string Text => string.Concat(Pieces);
}

/// <summary>A <c>thinking</c> block, which a gateway must not show as content.</summary>
public sealed record FakeThinkingBlock(string Thinking, string Signature = "EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxBdjrkzLoky3dl1pkiMOYds") : FakeAnthropicBlock;

/// <summary>A <c>tool_use</c> block; its input JSON is streamed as the given <c>input_json_delta</c> fragments.</summary>
public sealed record FakeToolUseBlock(string Id, string Name, IReadOnlyList<string> InputPieces) : FakeAnthropicBlock
{
    public string InputJson => string.Concat(InputPieces);

    /// <summary>A tool call whose input JSON streams in two fragments, split mid-value as Claude does.</summary>
    public static FakeToolUseBlock Of(string id, string name, string inputJson)
    {
        var middle = inputJson.Length / 2;
        return new FakeToolUseBlock(id, name, [inputJson[..middle], inputJson[middle..]]);
    }
}

/// <summary>
/// What the fake Anthropic upstream answers: content blocks, the stop reason, and usage in Anthropic's terms —
/// <see cref="InputTokens"/> excludes the cache counts, and <see cref="OutputTokens"/> includes thinking.
/// <see cref="Model"/> null echoes the requested model.
/// </summary>
public sealed record FakeAnthropicReply(
    IReadOnlyList<FakeAnthropicBlock> Blocks,
    string StopReason = "end_turn",
    int InputTokens = 12,
    int OutputTokens = 5,
    int CacheReadTokens = 0,
    int CacheWriteTokens = 0,
    string? Model = null)
{
    public static FakeAnthropicReply Default { get; } = new([new FakeTextBlock(["Hello", " from", " Claude."])]);

    public static FakeAnthropicReply Text(string content, int inputTokens = 12, int outputTokens = 5) =>
        new([new FakeTextBlock([content])], InputTokens: inputTokens, OutputTokens: outputTokens);

    public static FakeAnthropicReply ToolUse(params FakeToolUseBlock[] calls) => new(calls, "tool_use", OutputTokens: 40);
}

/// <summary>An error in Anthropic's shape <c>{"type":"error","error":{"type","message"},"request_id"}</c>.</summary>
public sealed record FakeAnthropicError(int Status, string Type, string Message, TimeSpan? RetryAfter = null)
{
    public static FakeAnthropicError Overloaded { get; } = new(529, "overloaded_error", "Overloaded");

    public static FakeAnthropicError RateLimited { get; } =
        new(429, "rate_limit_error", "This request would exceed the rate limit for your organization of 50 requests per minute.", TimeSpan.FromSeconds(7));
}

/// <summary>
/// A one-shot override for the next message request, in this order: wait <see cref="DelayBeforeHeaders"/>, answer
/// <see cref="Error"/> if set, otherwise reply with <see cref="Reply"/> (or the default). On a stream,
/// <see cref="BreakAfterPieces"/> aborts the connection after that many deltas (text and tool-input fragments), and
/// <see cref="StreamErrorAfterPieces"/> sends <see cref="StreamError"/> as an <c>event: error</c> after that many
/// deltas and ends the response, as Anthropic does when it overloads mid-answer.
/// </summary>
public sealed record FakeAnthropicBehavior : IScriptedBehavior<FakeAnthropicReply>
{
    public FakeAnthropicReply? Reply { get; init; }

    public FakeAnthropicError? Error { get; init; }

    public TimeSpan DelayBeforeHeaders { get; init; }

    public int? BreakAfterPieces { get; init; }

    public int? StreamErrorAfterPieces { get; init; }

    public FakeAnthropicError StreamError { get; init; } = FakeAnthropicError.Overloaded;

    public TimeSpan? DelayBetweenPieces { get; init; }

    TimeSpan? IScriptedBehavior<FakeAnthropicReply>.Pacing => DelayBetweenPieces;
}
