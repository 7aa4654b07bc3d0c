using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace OmniaKey.Modules.Routing.Infrastructure.Providers.Anthropic;

/// <summary>An Anthropic <c>Message</c> as an OpenAI <c>chat.completion</c> (docs/providers.md#anthropic-responses).</summary>
internal static class AnthropicResponseTranslator
{
    public static CompletionResult Translate(ReadOnlySpan<byte> body, TranslationContext context)
    {
        var reader = new Utf8JsonReader(body);
        using var document = JsonDocument.ParseValue(ref reader);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new JsonException("The upstream answer is not a JSON object.");
        }

        var text = new StringBuilder();
        var toolCalls = new JsonArray();
        if (root.TryGetProperty("content", out var content) && content.ValueKind == JsonValueKind.Array)
        {
            foreach (var block in content.EnumerateArray())
            {
                switch (TextOf(block, "type"))
                {
                    case "text":
                        text.Append(TextOf(block, "text"));
                        break;
                    case "tool_use":
                        toolCalls.Add(ToolCall(block));
                        break;
                    default:
                        // thinking and redacted_thinking are not content (docs/providers.md#anthropic-responses); server-tool blocks have no OpenAI form.
                        break;
                }
            }
        }

        var message = new JsonObject
        {
            ["role"] = "assistant",

            // OpenAI sends null content for a message that is only tool calls.
            ["content"] = text.Length == 0 && toolCalls.Count > 0 ? null : text.ToString(),
            ["refusal"] = null,
        };
        if (toolCalls.Count > 0)
        {
            message["tool_calls"] = toolCalls;
        }

        var usage = root.TryGetProperty("usage", out var usageElement) ? AnthropicUsage.Read(usageElement) : null;
        var finishReason = AnthropicStopReasons.ToFinishReason(TextOf(root, "stop_reason"));
        return new CompletionResult(OpenAiChunks.Completion(context, context.CompletionId, message, finishReason, usage), usage);
    }

    private static JsonObject ToolCall(JsonElement block) => new()
    {
        ["id"] = TextOf(block, "id"),
        ["type"] = "function",
        ["function"] = new JsonObject
        {
            ["name"] = TextOf(block, "name"),
            ["arguments"] = block.TryGetProperty("input", out var input) ? input.GetRawText() : "{}",
        },
    };

    private static string? TextOf(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
