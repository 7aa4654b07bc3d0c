using System.Text.Json;
using System.Text.Json.Nodes;

namespace OmniaKey.Modules.Routing.Infrastructure.Providers.Gemini;

/// <summary>
/// OpenAI <c>messages</c> → Gemini <c>systemInstruction</c> and <c>contents</c> (docs/providers.md#gemini-messages). System and
/// developer messages, wherever they stand, become the system instruction; assistant turns become <c>model</c> turns;
/// tool results become <c>functionResponse</c> parts named after the call they answer, which only the conversation
/// knows (Gemini calls have no ids), so the names are collected from the assistant <c>tool_calls</c> on the way.
/// </summary>
internal static class GeminiMessageTranslator
{
    public static void Write(Utf8JsonWriter writer, JsonArray messages)
    {
        WriteSystemInstruction(writer, messages);

        var contents = new GeminiContentsWriter(writer);
        var callNames = new Dictionary<string, string>(StringComparer.Ordinal);
        string? lastFunctionName = null;
        writer.WriteStartArray("contents");
        for (var i = 0; i < messages.Count; i++)
        {
            if (messages[i] is not JsonObject message)
            {
                throw new RequestTranslationException($"messages[{i}]", "Each message must be an object.");
            }

            switch (GeminiJson.Text(message["role"]))
            {
                case "user":
                    GeminiUserParts.Write(contents, message["content"], i);
                    break;
                case "assistant":
                    lastFunctionName = GeminiAssistantParts.Write(contents, message, i, callNames) ?? lastFunctionName;
                    break;
                case "tool":
                    var id = GeminiJson.Text(message["tool_call_id"])
                        ?? throw new RequestTranslationException($"messages[{i}].tool_call_id", "A tool message needs the 'tool_call_id' it answers.");
                    var name = callNames.GetValueOrDefault(id)
                        ?? throw new RequestTranslationException($"messages[{i}].tool_call_id", $"No assistant tool call with id '{id}' precedes this tool message.");
                    WriteFunctionResponse(contents, name, message["content"], i);
                    break;
                case "function":
                    // The deprecated function role answers the previous function_call by name.
                    var functionName = GeminiJson.Text(message["name"]) ?? lastFunctionName
                        ?? throw new RequestTranslationException($"messages[{i}].name", "A function message needs the 'name' of the function it answers.");
                    WriteFunctionResponse(contents, functionName, message["content"], i);
                    break;
                default:
                    break; // system and developer: already in the system instruction
            }
        }

        contents.Close();
        writer.WriteEndArray();
        if (contents.Count == 0)
        {
            throw new RequestTranslationException("messages", "Gemini models need at least one non-empty user or assistant message.");
        }
    }

    /// <summary>The text parts of a string or text-part array (<c>refusal</c> parts count as text on assistant turns).</summary>
    internal static IEnumerable<string> TextsOf(JsonNode? content, string param, bool allowRefusal = false)
    {
        switch (content)
        {
            case null:
                yield break;
            case JsonValue value when value.TryGetValue<string>(out var text):
                yield return text;
                yield break;
            case JsonArray parts:
                for (var j = 0; j < parts.Count; j++)
                {
                    var part = parts[j];
                    var type = GeminiJson.Text(GeminiJson.Get(part, "type"));
                    var text = type == "text" ? GeminiJson.Text(part!["text"]) : type == "refusal" && allowRefusal ? GeminiJson.Text(part!["refusal"]) : null;
                    yield return text ?? throw new RequestTranslationException($"{param}[{j}]", "Only text parts are allowed here.");
                }

                yield break;
            default:
                throw new RequestTranslationException(param, "The content must be a string or an array of text parts.");
        }
    }

    private static void WriteSystemInstruction(Utf8JsonWriter writer, JsonArray messages)
    {
        var open = false;
        for (var i = 0; i < messages.Count; i++)
        {
            if (GeminiJson.Text(GeminiJson.Get(messages[i], "role")) is not ("system" or "developer"))
            {
                continue;
            }

            foreach (var text in TextsOf(messages[i]!["content"], $"messages[{i}].content"))
            {
                if (text.Length == 0)
                {
                    continue;
                }

                if (!open)
                {
                    writer.WriteStartObject("systemInstruction");
                    writer.WriteStartArray("parts");
                    open = true;
                }

                writer.WriteStartObject();
                writer.WriteString("text", text);
                writer.WriteEndObject();
            }
        }

        if (open)
        {
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
    }

    /// <summary>Gemini wants an object as the response, so the tool's text is wrapped: <c>{"result": "…"}</c>.</summary>
    private static void WriteFunctionResponse(GeminiContentsWriter contents, string name, JsonNode? content, int index)
    {
        var result = string.Concat(TextsOf(content, $"messages[{index}].content"));
        var part = contents.Part(GeminiContentsWriter.User);
        part.WriteStartObject();
        part.WriteStartObject("functionResponse");
        part.WriteString("name", name);
        part.WriteStartObject("response");
        part.WriteString("result", result);
        part.WriteEndObject();
        part.WriteEndObject();
        part.WriteEndObject();
    }
}
