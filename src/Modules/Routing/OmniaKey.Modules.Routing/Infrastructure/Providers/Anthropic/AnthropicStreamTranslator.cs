using System.Text;
using System.Text.Json;
using OmniaKey.Modules.Billing.Contracts;

namespace OmniaKey.Modules.Routing.Infrastructure.Providers.Anthropic;

/// <summary>
/// Anthropic stream events as OpenAI chunks (docs/providers.md#anthropic-streaming): <c>message_start</c> → role chunk,
/// text deltas → content, <c>tool_use</c> blocks → tool-call deltas, <c>message_delta</c> → finish chunk and usage,
/// <c>message_stop</c> → the normal end. Thinking blocks, pings and unknown events produce nothing.
/// </summary>
internal sealed class AnthropicStreamTranslator(TranslationContext context) : IStreamTranslator
{
    private readonly StringBuilder delivered = new();

    // Anthropic's block index counts text and thinking blocks too; OpenAI's tool-call index counts tool calls only.
    private readonly Dictionary<int, int> toolCallOfBlock = [];
    private bool started;
    private bool finishSent;

    public string ResponseId => context.CompletionId;

    /// <summary>
    /// Input counts from <c>message_start</c> (with its placeholder <c>output_tokens</c>), then the cumulative counts
    /// of each <c>message_delta</c>, which replace — never add to — what came before.
    /// </summary>
    public TokenUsage? Usage { get; private set; }

    public bool Finished { get; private set; }

    public UpstreamError? Error { get; private set; }

    public string DeliveredText => delivered.ToString();

    public void Translate(string? eventName, string data, List<string> emit)
    {
        if (Error is not null || Finished)
        {
            return;
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(data);
        }
        catch (JsonException)
        {
            return; // Not an event Anthropic documents; unknown events must be tolerated.
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return;
            }

            // A raw (non-SSE) body in the stream is only meaningful when it is an error.
            var type = eventName == SseEvent.Raw ? (root.TryGetProperty("error", out _) ? "error" : null) : Text(root, "type") ?? eventName;
            switch (type)
            {
                case "message_start":
                    Start(emit);
                    if (root.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.Object
                        && message.TryGetProperty("usage", out var startUsage))
                    {
                        Usage = AnthropicUsage.Read(startUsage, Usage);
                    }

                    break;
                case "content_block_start":
                    BlockStart(root, emit);
                    break;
                case "content_block_delta":
                    BlockDelta(root, emit);
                    break;
                case "message_delta":
                    MessageDelta(root, emit);
                    break;
                case "message_stop":
                    Finish("stop", emit);
                    Finished = true;
                    break;
                case "error":
                    Error = AnthropicErrorReader.ReadStreamError(data);
                    break;
            }
        }
    }

    private void Start(List<string> emit)
    {
        if (!started)
        {
            started = true;
            emit.Add(OpenAiChunks.Role(context, ResponseId));
        }
    }

    private void BlockStart(JsonElement root, List<string> emit)
    {
        if (!root.TryGetProperty("content_block", out var block) || !root.TryGetProperty("index", out var indexElement)
            || !indexElement.TryGetInt32(out var index))
        {
            return;
        }

        switch (Text(block, "type"))
        {
            case "tool_use":
                Start(emit);
                var call = toolCallOfBlock.Count;
                toolCallOfBlock[index] = call;
                var name = Text(block, "name") ?? "";
                delivered.Append(name);
                emit.Add(OpenAiChunks.ToolCallStart(context, ResponseId, call, Text(block, "id") ?? "", name));
                break;
            case "text" when Text(block, "text") is { Length: > 0 } text:
                Content(text, emit);
                break;
        }
    }

    private void BlockDelta(JsonElement root, List<string> emit)
    {
        if (!root.TryGetProperty("delta", out var delta))
        {
            return;
        }

        switch (Text(delta, "type"))
        {
            case "text_delta" when Text(delta, "text") is { Length: > 0 } text:
                Content(text, emit);
                break;
            case "input_json_delta" when Text(delta, "partial_json") is { Length: > 0 } fragment
                && root.TryGetProperty("index", out var index) && index.TryGetInt32(out var block)
                && toolCallOfBlock.TryGetValue(block, out var call):
                delivered.Append(fragment);
                emit.Add(OpenAiChunks.ToolCallArguments(context, ResponseId, call, fragment));
                break;
            default:
                // thinking_delta and signature_delta are not content; citations_delta has no OpenAI form.
                break;
        }
    }

    private void MessageDelta(JsonElement root, List<string> emit)
    {
        if (root.TryGetProperty("usage", out var usage))
        {
            Usage = AnthropicUsage.Read(usage, Usage);
        }

        if (root.TryGetProperty("delta", out var delta) && Text(delta, "stop_reason") is { } stopReason)
        {
            Finish(AnthropicStopReasons.ToFinishReason(stopReason), emit);
        }
    }

    private void Content(string text, List<string> emit)
    {
        Start(emit);
        delivered.Append(text);
        emit.Add(OpenAiChunks.Content(context, ResponseId, text));
    }

    /// <summary>Sends the finish chunk once: at the first stop reason, or at <c>message_stop</c> if none came.</summary>
    private void Finish(string finishReason, List<string> emit)
    {
        if (!finishSent)
        {
            Start(emit);
            finishSent = true;
            emit.Add(OpenAiChunks.Finish(context, ResponseId, finishReason));
        }
    }

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
