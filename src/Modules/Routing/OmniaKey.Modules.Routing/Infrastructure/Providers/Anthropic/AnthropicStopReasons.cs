namespace OmniaKey.Modules.Routing.Infrastructure.Providers.Anthropic;

/// <summary>Anthropic's <c>stop_reason</c> as OpenAI's <c>finish_reason</c> (docs/providers.md#anthropic-finish-reasons).</summary>
internal static class AnthropicStopReasons
{
    public static string ToFinishReason(string? stopReason) => stopReason switch
    {
        "tool_use" => "tool_calls",
        "max_tokens" or "model_context_window_exceeded" => "length",
        "refusal" => "content_filter",

        // end_turn, stop_sequence, and pause_turn (a server tool paused the turn: the answer so far is complete
        // as far as an OpenAI client can tell); unknown future reasons end the answer normally too.
        _ => "stop",
    };
}
