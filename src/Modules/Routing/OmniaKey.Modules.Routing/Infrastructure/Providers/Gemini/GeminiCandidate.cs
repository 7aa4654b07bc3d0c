using System.Text;
using System.Text.Json;

namespace OmniaKey.Modules.Routing.Infrastructure.Providers.Gemini;

/// <summary>One function call of a Gemini answer, with the OpenAI id the gateway gave it.</summary>
internal readonly record struct GeminiFunctionCall(string Id, string Name, string Arguments);

/// <summary>
/// Reads the parts of a Gemini candidate (or of one streamed delta of it): text that is not a thought summary, and
/// function calls, each given a <c>call_…</c> id that carries its thought signature (<see cref="GeminiToolCallIds"/>).
/// Other part kinds (inline data, executable code…) have no place in an OpenAI message and are skipped.
/// </summary>
internal static class GeminiCandidate
{
    public static void ReadParts(JsonElement candidate, StringBuilder text, List<GeminiFunctionCall> calls)
    {
        if (!candidate.TryGetProperty("content", out var content) || content.ValueKind != JsonValueKind.Object
            || !content.TryGetProperty("parts", out var parts) || parts.ValueKind != JsonValueKind.Array)
        {
            return;
        }

        foreach (var part in parts.EnumerateArray())
        {
            if (part.ValueKind != JsonValueKind.Object || (part.TryGetProperty("thought", out var thought) && thought.ValueKind == JsonValueKind.True))
            {
                continue;
            }

            if (part.TryGetProperty("functionCall", out var call) && call.ValueKind == JsonValueKind.Object)
            {
                var arguments = call.TryGetProperty("args", out var args) && args.ValueKind == JsonValueKind.Object ? GeminiJson.Compact(args) : "{}";
                calls.Add(new GeminiFunctionCall(
                    GeminiToolCallIds.Create(GeminiJson.Text(part, "thoughtSignature")),
                    GeminiJson.Text(call, "name") ?? "",
                    arguments));
            }
            else if (GeminiJson.Text(part, "text") is { } partText)
            {
                text.Append(partText);
            }
        }
    }

    public static string? FinishReason(JsonElement candidate) => GeminiJson.Text(candidate, "finishReason");
}
