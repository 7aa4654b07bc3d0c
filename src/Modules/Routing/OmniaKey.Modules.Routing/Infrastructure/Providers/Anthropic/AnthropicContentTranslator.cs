using System.Text.Json.Nodes;

namespace OmniaKey.Modules.Routing.Infrastructure.Providers.Anthropic;

/// <summary>
/// The content of one OpenAI message as Anthropic blocks. Empty text is never sent, because Anthropic rejects
/// empty text blocks; parameters named in errors use OpenAI's paths (<c>messages[i].content[j]</c>).
/// </summary>
internal static class AnthropicContentTranslator
{
    /// <summary>The texts of a system/developer message: a string, or text parts.</summary>
    public static IEnumerable<string> TextsOf(JsonNode? content, int i)
    {
        if (content is JsonArray parts)
        {
            for (var j = 0; j < parts.Count; j++)
            {
                yield return TextPart(parts[j], $"messages[{i}].content[{j}]");
            }
        }
        else if (JsonNodes.Text(content) is { } text)
        {
            yield return text;
        }
    }

    /// <summary>Writes a user message's blocks; false when it had none.</summary>
    public static bool WriteUserContent(TurnWriter turns, JsonNode? content, int i)
    {
        if (content is not JsonArray parts)
        {
            if (JsonNodes.Text(content) is not { Length: > 0 } text)
            {
                return false;
            }

            turns.Text("user", text);
            return true;
        }

        var wrote = false;
        for (var j = 0; j < parts.Count; j++)
        {
            var param = $"messages[{i}].content[{j}]";
            switch (JsonNodes.Text(parts[j]?["type"]))
            {
                case "text":
                    var text = TextPart(parts[j], param);
                    if (text.Length > 0)
                    {
                        turns.Text("user", text);
                        wrote = true;
                    }

                    break;
                case "image_url":
                    AnthropicMediaTranslator.WriteImage(turns.Block("user"), parts[j]!["image_url"], param + ".image_url.url");
                    wrote = true;
                    break;
                case "file":
                    AnthropicMediaTranslator.WriteDocument(turns.Block("user"), parts[j]!["file"], param + ".file");
                    wrote = true;
                    break;
                default:
                    throw new RequestTranslationException(param + ".type", $"{param}: Claude models accept text, image_url and PDF file parts.");
            }
        }

        return wrote;
    }

    /// <summary>An assistant message: its text, then its tool calls as <c>tool_use</c> blocks.</summary>
    public static void WriteAssistant(TurnWriter turns, JsonObject message, int i)
    {
        if (message["content"] is JsonArray parts)
        {
            for (var j = 0; j < parts.Count; j++)
            {
                var text = JsonNodes.Text(parts[j]?["type"]) == "refusal"
                    ? JsonNodes.Text(parts[j]!["refusal"]) ?? ""
                    : TextPart(parts[j], $"messages[{i}].content[{j}]");
                if (text.Length > 0)
                {
                    turns.Text("assistant", text);
                }
            }
        }
        else if (JsonNodes.Text(message["content"]) is { Length: > 0 } text)
        {
            turns.Text("assistant", text);
        }

        if (message["tool_calls"] is JsonArray calls)
        {
            for (var j = 0; j < calls.Count; j++)
            {
                AnthropicToolCallTranslator.WriteToolUse(turns.Block("assistant"), calls[j], $"messages[{i}].tool_calls[{j}]");
            }
        }
    }

    /// <summary>A tool message as a <c>tool_result</c> block of the user turn that answers the assistant's calls.</summary>
    public static void WriteToolResult(TurnWriter turns, JsonObject message, int i)
    {
        if (JsonNodes.Text(message["tool_call_id"]) is not { Length: > 0 } callId)
        {
            throw new RequestTranslationException($"messages[{i}].tool_call_id", $"messages[{i}].tool_call_id is required for tool messages.");
        }

        var writer = turns.Block("user");
        writer.WriteStartObject();
        writer.WriteString("type", "tool_result");
        writer.WriteString("tool_use_id", callId);
        if (message["content"] is JsonArray parts)
        {
            writer.WriteStartArray("content");
            for (var j = 0; j < parts.Count; j++)
            {
                var text = TextPart(parts[j], $"messages[{i}].content[{j}]");
                if (text.Length > 0)
                {
                    writer.WriteStartObject();
                    writer.WriteString("type", "text");
                    writer.WriteString("text", text);
                    writer.WriteEndObject();
                }
            }

            writer.WriteEndArray();
        }
        else if (JsonNodes.Text(message["content"]) is { Length: > 0 } text)
        {
            writer.WriteString("content", text);
        }

        writer.WriteEndObject();
    }

    private static string TextPart(JsonNode? part, string param)
    {
        if (JsonNodes.Text(part?["type"]) != "text")
        {
            throw new RequestTranslationException(param + ".type", $"{param} must be a text part here.");
        }

        return JsonNodes.Text(part!["text"])
            ?? throw new RequestTranslationException(param + ".text", $"{param}.text must be a string.");
    }
}
