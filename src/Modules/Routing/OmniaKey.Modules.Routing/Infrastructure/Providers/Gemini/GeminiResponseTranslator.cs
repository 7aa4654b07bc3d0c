using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace OmniaKey.Modules.Routing.Infrastructure.Providers.Gemini;

/// <summary>
/// A Gemini <c>generateContent</c> answer → an OpenAI <c>chat.completion</c> (docs/providers.md#gemini-responses): one choice
/// per candidate (several when the client asked for <c>n</c> &gt; 1). A blocked prompt has no candidates at all; it
/// becomes one empty choice finished by <c>content_filter</c>.
/// </summary>
internal static class GeminiResponseTranslator
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

        var choices = new JsonArray();
        if (root.TryGetProperty("candidates", out var candidates) && candidates.ValueKind == JsonValueKind.Array)
        {
            var position = 0;
            foreach (var candidate in candidates.EnumerateArray())
            {
                choices.Add(Choice(candidate, position++));
            }
        }

        if (choices.Count == 0)
        {
            var blocked = root.TryGetProperty("promptFeedback", out var feedback) && GeminiJson.Text(feedback, "blockReason") is not null;
            choices.Add(ChoiceObject(0, Message(null, []), blocked ? GeminiFinishReasons.ContentFilter : GeminiFinishReasons.Stop));
        }

        var usage = GeminiUsage.Read(root);
        var completion = OpenAiChunks.Completion(context, context.CompletionId, [], GeminiFinishReasons.Stop, usage);
        completion["choices"] = choices;
        return new CompletionResult(completion, usage);
    }

    private static JsonObject Choice(JsonElement candidate, int position)
    {
        var text = new StringBuilder();
        var calls = new List<GeminiFunctionCall>();
        GeminiCandidate.ReadParts(candidate, text, calls);
        var index = candidate.TryGetProperty("index", out var i) && i.TryGetInt32(out var n) ? n : position;
        var finish = GeminiFinishReasons.ToOpenAi(GeminiCandidate.FinishReason(candidate), calls.Count > 0);
        return ChoiceObject(index, Message(calls.Count > 0 && text.Length == 0 ? null : text.ToString(), calls), finish);
    }

    private static JsonObject Message(string? content, List<GeminiFunctionCall> calls)
    {
        var message = new JsonObject { ["role"] = "assistant", ["content"] = content, ["refusal"] = null };
        if (calls.Count > 0)
        {
            var toolCalls = new JsonArray();
            foreach (var call in calls)
            {
                toolCalls.Add(new JsonObject
                {
                    ["id"] = call.Id,
                    ["type"] = "function",
                    ["function"] = new JsonObject { ["name"] = call.Name, ["arguments"] = call.Arguments },
                });
            }

            message["tool_calls"] = toolCalls;
        }

        return message;
    }

    private static JsonObject ChoiceObject(int index, JsonObject message, string finishReason) => new()
    {
        ["index"] = index,
        ["message"] = message,
        ["logprobs"] = null,
        ["finish_reason"] = finishReason,
    };
}
