using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace OmniaKey.Modules.Routing.Infrastructure.Providers.Anthropic;

/// <summary>
/// OpenAI <c>messages</c> as Anthropic's top-level <c>system</c> and <c>messages</c> (docs/providers.md#anthropic-messages).
/// Consecutive messages that land on the same Anthropic role are merged into one turn, which puts all
/// <c>tool_result</c> blocks answering one assistant turn into one user message, as Anthropic requires.
/// </summary>
internal static class AnthropicMessageTranslator
{
    /// <summary>
    /// Every <c>system</c> and <c>developer</c> message, wherever it stands, joined into the top-level
    /// <c>system</c>: a mid-conversation <c>{role:"system"}</c> turn is accepted only by some models,
    /// while the top-level field works on all of them. The position of a later system message is lost.
    /// </summary>
    public static void WriteSystem(Utf8JsonWriter writer, JsonArray messages)
    {
        StringBuilder? system = null;
        for (var i = 0; i < messages.Count; i++)
        {
            if (JsonNodes.Text(messages[i]!["role"]) is not ("system" or "developer"))
            {
                continue;
            }

            foreach (var text in AnthropicContentTranslator.TextsOf(messages[i]!["content"], i))
            {
                if (text.Length == 0)
                {
                    continue;
                }

                system ??= new StringBuilder();
                if (system.Length > 0)
                {
                    system.Append("\n\n");
                }

                system.Append(text);
            }
        }

        if (system is not null)
        {
            writer.WriteString("system", system.ToString());
        }
    }

    public static void WriteMessages(Utf8JsonWriter writer, JsonArray messages)
    {
        var turns = new TurnWriter(writer);
        writer.WriteStartArray("messages");
        for (var i = 0; i < messages.Count; i++)
        {
            var message = messages[i]!.AsObject();
            switch (JsonNodes.Text(message["role"]))
            {
                case "user":
                    if (!AnthropicContentTranslator.WriteUserContent(turns, message["content"], i))
                    {
                        throw new RequestTranslationException($"messages[{i}].content", $"messages[{i}]: Claude models need non-empty user content.");
                    }

                    break;
                case "assistant":
                    AnthropicContentTranslator.WriteAssistant(turns, message, i);
                    break;
                case "tool":
                    AnthropicContentTranslator.WriteToolResult(turns, message, i);
                    break;
                case "function":
                    throw new RequestTranslationException($"messages[{i}].role", "Deprecated 'function' messages are not supported for Claude models; use 'tool' messages.");
            }
        }

        turns.Close();
        writer.WriteEndArray();
        if (!turns.Any)
        {
            throw new RequestTranslationException("messages", "Claude models need at least one user or assistant message besides system messages.");
        }
    }
}
