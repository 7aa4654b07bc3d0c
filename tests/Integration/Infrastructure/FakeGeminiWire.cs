using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace OmniaKey.IntegrationTests.Infrastructure;

/// <summary>
/// Gemini's wire format for the fake (docs/providers.md#gemini): answers, stream events, error bodies, and the request
/// checks of the real API that catch a gateway sending something Gemini would refuse.
/// </summary>
internal static class FakeGeminiWire
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly HashSet<string> RequestFields =
        ["contents", "systemInstruction", "system_instruction", "tools", "toolConfig", "tool_config", "generationConfig", "generation_config", "safetySettings", "safety_settings", "cachedContent", "cached_content"];

    private static readonly HashSet<string> GenerationConfigFields =
        ["maxOutputTokens", "temperature", "topP", "topK", "stopSequences", "candidateCount", "responseMimeType", "responseJsonSchema", "responseSchema",
         "seed", "presencePenalty", "frequencyPenalty", "thinkingConfig", "responseLogprobs", "logprobs"];

    /// <summary>Success bodies are pretty-printed with a two-space indent and a trailing newline.</summary>
    public static string Pretty(JsonNode node) => node.ToJsonString(Indented) + "\n";

    /// <summary>Google's one-line style for stream events: <c>{"a": 1,"b": [{"c": 2}]}</c>.</summary>
    public static string SingleLine(JsonNode node) =>
        string.Concat(node.ToJsonString(Indented).Split('\n').Select(line => line.TrimStart()));

    public static JsonObject ErrorBody(FakeGeminiError error)
    {
        var body = new JsonObject { ["code"] = error.Status, ["message"] = error.Message, ["status"] = error.GoogleStatus };
        if (error.DetailsJson is not null)
        {
            body["details"] = JsonNode.Parse(error.DetailsJson);
        }

        return new JsonObject { ["error"] = body };
    }

    /// <summary>A whole answer. Candidate 0 says the reply's text; candidate i &gt; 0 adds " #(i+1)" to it.</summary>
    public static JsonObject Response(FakeGeminiReply reply, int candidateCount, string model, Func<string> sign)
    {
        var candidates = new JsonArray();
        for (var i = 0; i < candidateCount; i++)
        {
            var parts = new JsonArray();
            foreach (var thought in reply.Thoughts)
            {
                parts.Add(new JsonObject { ["text"] = thought, ["thought"] = true });
            }

            if (reply.Content.Length > 0)
            {
                parts.Add(new JsonObject { ["text"] = i == 0 ? reply.Content : $"{reply.Content} #{i + 1}" });
            }

            AddCalls(parts, reply.Calls, sign);
            candidates.Add(Candidate(parts, reply, i, finished: true));
        }

        return Envelope(candidates, Usage(reply, reply.CandidatesTokens, reply.ThoughtsTokens, final: true), model);
    }

    /// <summary>
    /// The stream: one event per thought, per text piece, then one with all function calls; the last event carries
    /// the finish reason, and every event the cumulative usage so far (the gemini-2.5 style).
    /// </summary>
    public static List<JsonObject> Events(FakeGeminiReply reply, string model, Func<string> sign)
    {
        var partsPerEvent = new List<JsonArray>();
        partsPerEvent.AddRange(reply.Thoughts.Select(t => new JsonArray(new JsonObject { ["text"] = t, ["thought"] = true })));
        partsPerEvent.AddRange(reply.Pieces.Select(p => new JsonArray(new JsonObject { ["text"] = p })));
        if (reply.Calls.Count > 0)
        {
            var calls = new JsonArray();
            AddCalls(calls, reply.Calls, sign);
            partsPerEvent.Add(calls);
        }

        if (partsPerEvent.Count == 0)
        {
            partsPerEvent.Add(new JsonArray(new JsonObject { ["text"] = "" }));
        }

        var events = new List<JsonObject>();
        for (var i = 0; i < partsPerEvent.Count; i++)
        {
            var last = i == partsPerEvent.Count - 1;
            var thoughtEvents = reply.Thoughts.Count;
            var thoughts = i < thoughtEvents ? reply.ThoughtsTokens * (i + 1) / thoughtEvents : reply.ThoughtsTokens;
            var answerEvents = partsPerEvent.Count - thoughtEvents;
            var candidates = i < thoughtEvents ? 0 : reply.CandidatesTokens * (i - thoughtEvents + 1) / answerEvents;
            events.Add(Envelope(new JsonArray(Candidate(partsPerEvent[i], reply, 0, last)), Usage(reply, candidates, thoughts, last), model));
        }

        return events;
    }

    /// <summary>The checks of the real API a translating gateway could trip; null when the body is acceptable.</summary>
    public static FakeGeminiError? Validate(JsonNode? json, Func<string, bool> issuedSignature, bool requireSignatures)
    {
        if (json is not JsonObject body)
        {
            return FakeGeminiError.InvalidArgument("Invalid JSON payload received. Unexpected token.");
        }

        if (body.Select(p => p.Key).FirstOrDefault(k => !RequestFields.Contains(k)) is { } unknown)
        {
            return FakeGeminiError.InvalidArgument($"Invalid JSON payload received. Unknown name \"{unknown}\": Cannot find field.");
        }

        if ((body["generationConfig"] as JsonObject)?.Select(p => p.Key).FirstOrDefault(k => !GenerationConfigFields.Contains(k)) is { } unknownConfig)
        {
            return FakeGeminiError.InvalidArgument($"Invalid JSON payload received. Unknown name \"{unknownConfig}\" at 'generation_config': Cannot find field.");
        }

        if (body["contents"] is not JsonArray { Count: > 0 } contents)
        {
            return FakeGeminiError.InvalidArgument("* GenerateContentRequest.contents: contents is not specified\n");
        }

        for (var i = 0; i < contents.Count; i++)
        {
            if (ValidateContent(contents[i] as JsonObject, i, issuedSignature, requireSignatures) is { } invalid)
            {
                return invalid;
            }
        }

        return null;
    }

    private static FakeGeminiError? ValidateContent(JsonObject? content, int index, Func<string, bool> issuedSignature, bool requireSignatures)
    {
        var role = content?["role"]?.GetValue<string>();
        if (role is not ("user" or "model"))
        {
            return FakeGeminiError.InvalidArgument("Please use a valid role: user, model.");
        }

        if (content!["parts"] is not JsonArray { Count: > 0 } parts)
        {
            return FakeGeminiError.InvalidArgument($"* GenerateContentRequest.contents[{index}].parts: contents.parts must not be empty.\n");
        }

        var firstCall = true;
        foreach (var part in parts.OfType<JsonObject>())
        {
            if (part["text"] is JsonValue text && text.GetValue<string>().Length == 0)
            {
                return FakeGeminiError.InvalidArgument("Unable to submit request because it has an empty text parameter. Add a value to the parameter and try again.");
            }

            if (part["functionCall"] is JsonObject call && call["args"] is not (null or JsonObject))
            {
                return FakeGeminiError.InvalidArgument($"Invalid value at 'contents[{index}].parts.function_call.args' (type.googleapis.com/google.protobuf.Struct).");
            }

            if (part["functionResponse"] is JsonObject response && (response["name"] is null || response["response"] is not JsonObject))
            {
                return FakeGeminiError.InvalidArgument($"* GenerateContentRequest.contents[{index}].parts.function_response: name and an object response are required.\n");
            }

            if (part["thoughtSignature"] is JsonValue signature && !issuedSignature(signature.GetValue<string>()))
            {
                return FakeGeminiError.InvalidArgument("Corrupted thought signature.");
            }

            if (part["functionCall"] is not null && role == "model" && firstCall)
            {
                firstCall = false;
                if (requireSignatures && part["thoughtSignature"] is null)
                {
                    return FakeGeminiError.InvalidArgument(
                        $"Function call is missing a thought_signature in functionCall parts. This is required for tools to work correctly, and missing thought_signature may lead to degraded model performance. Additional data, function call `default_api:{part["functionCall"]!["name"]}` , position {index + 1}. Please refer to https://ai.google.dev/gemini-api/docs/thought-signatures for more details.");
                }
            }
        }

        return null;
    }

    /// <summary>Gemini 3 style: only the first function call of a turn carries the thought signature.</summary>
    private static void AddCalls(JsonArray parts, IReadOnlyList<FakeGeminiCall> calls, Func<string> sign)
    {
        for (var i = 0; i < calls.Count; i++)
        {
            var part = new JsonObject { ["functionCall"] = new JsonObject { ["name"] = calls[i].Name, ["args"] = JsonNode.Parse(calls[i].ArgsJson) } };
            if (i == 0)
            {
                part["thoughtSignature"] = sign();
            }

            parts.Add(part);
        }
    }

    private static JsonObject Candidate(JsonArray parts, FakeGeminiReply reply, int index, bool finished)
    {
        var candidate = new JsonObject { ["content"] = new JsonObject { ["parts"] = parts, ["role"] = "model" } };
        if (finished)
        {
            candidate["finishReason"] = reply.FinishReason;
            if (reply.Calls.Count > 0)
            {
                candidate["finishMessage"] = "Model generated function call(s).";
            }
        }

        candidate["index"] = index;
        return candidate;
    }

    private static JsonObject Usage(FakeGeminiReply reply, int candidates, int thoughts, bool final)
    {
        var usage = new JsonObject { ["promptTokenCount"] = reply.PromptTokens };
        if (candidates > 0)
        {
            usage["candidatesTokenCount"] = candidates;
        }

        usage["totalTokenCount"] = reply.PromptTokens + candidates + thoughts;
        if (final && reply.CachedTokens > 0)
        {
            usage["cachedContentTokenCount"] = reply.CachedTokens;
        }

        usage["promptTokensDetails"] = new JsonArray(new JsonObject { ["modality"] = "TEXT", ["tokenCount"] = reply.PromptTokens });
        if (thoughts > 0)
        {
            usage["thoughtsTokenCount"] = thoughts;
        }

        return usage;
    }

    private static JsonObject Envelope(JsonArray candidates, JsonObject usage, string model) => new()
    {
        ["candidates"] = candidates,
        ["usageMetadata"] = usage,
        ["modelVersion"] = model,
        ["responseId"] = Guid.NewGuid().ToString("N")[..22],
    };
}
