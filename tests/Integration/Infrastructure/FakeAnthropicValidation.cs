using System.Text.Json.Nodes;

namespace OmniaKey.IntegrationTests.Infrastructure;

/// <summary>
/// The checks of the real Messages API (docs/providers.md#anthropic-endpoint-and-headers and #anthropic-errors, with its observed error texts) that a gateway's
/// translation could break. Anything they reject would be rejected by Anthropic too.
/// </summary>
internal static class FakeAnthropicValidation
{
    private static readonly HashSet<string> Versions = ["2023-01-01", "2023-06-01", "2026-10-21"];

    public static FakeAnthropicError? Check(RecordedRequest request)
    {
        var version = request.Headers.GetValueOrDefault("anthropic-version");
        if (version is null)
        {
            return Invalid("anthropic-version: header is required");
        }

        if (!Versions.Contains(version))
        {
            return Invalid($"anthropic-version: \"{version}\" is not a valid version");
        }

        if (request.Json is not JsonObject body)
        {
            return Invalid("There was an error parsing the body of your request.");
        }

        if (RecordedRequest.Value<string>(body, "model") is null)
        {
            return Invalid("model: Field required");
        }

        if (body["max_tokens"] is not JsonValue maxTokens || !maxTokens.TryGetValue<long>(out var max) || max < 0)
        {
            return Invalid("max_tokens: Field required");
        }

        return Sampling(body, version) ?? Tools(body) ?? Messages(body);
    }

    private static FakeAnthropicError? Sampling(JsonObject body, string version)
    {
        foreach (var name in new[] { "temperature", "top_p", "top_k" })
        {
            if (body[name] is null)
            {
                continue;
            }

            if (version == "2026-10-21")
            {
                return Invalid($"{name}: Extra inputs are not permitted"); // the status is documented; the exact text is not
            }

            if (name != "top_k" && RecordedRequest.Value<double>(body, name) is < 0 or > 1)
            {
                return Invalid($"{name}: Input should be less than or equal to 1");
            }
        }

        return body["stop_sequences"] is not (null or JsonArray) ? Invalid("stop_sequences: Input should be a valid list") : null;
    }

    private static FakeAnthropicError? Tools(JsonObject body)
    {
        var tools = body["tools"] as JsonArray ?? [];
        for (var i = 0; i < tools.Count; i++)
        {
            if (RecordedRequest.Value<string>(tools[i] as JsonObject, "name") is null)
            {
                return Invalid($"tools.{i}.custom.name: Field required");
            }

            if (tools[i]!["input_schema"] is not JsonObject schema || RecordedRequest.Value<string>(schema, "type") != "object")
            {
                return Invalid($"tools.{i}.custom.input_schema.type: Input should be 'object'");
            }
        }

        var choice = RecordedRequest.Value<string>(body["tool_choice"] as JsonObject, "type");
        return choice is null or "auto" or "any" or "none" or "tool" ? null : Invalid("tool_choice.type: Input tag does not match any of the expected tags");
    }

    private static FakeAnthropicError? Messages(JsonObject body)
    {
        if (body["messages"] is not JsonArray { Count: > 0 } messages)
        {
            return Invalid("messages: at least one message is required");
        }

        HashSet<string> pendingToolUses = [];
        for (var i = 0; i < messages.Count; i++)
        {
            var role = RecordedRequest.Value<string>(messages[i] as JsonObject, "role");
            if (role == "system")
            {
                return Invalid("messages: Unexpected role \"system\". The Messages API accepts a top-level `system` parameter, not \"system\" as an input message role.");
            }

            if (role is not ("user" or "assistant"))
            {
                return Invalid($"messages.{i}.role: Input should be 'user' or 'assistant'");
            }

            var blocks = Blocks(messages[i]!["content"]);
            if (blocks is null || (blocks.Count == 0 && !(role == "assistant" && i == messages.Count - 1)))
            {
                return Invalid($"messages.{i}: all messages must have non-empty content except for the optional final assistant message");
            }

            if ((CheckBlocks(blocks, i) ?? CheckPairing(role, blocks, i, pendingToolUses)) is { } error)
            {
                return error;
            }
        }

        return pendingToolUses.Count > 0
            ? Invalid($"messages.{messages.Count - 1}: `tool_use` ids were found without `tool_result` blocks immediately after: {string.Join(", ", pendingToolUses)}. Each `tool_use` block must have a corresponding `tool_result` block in the next message.")
            : null;
    }

    private static FakeAnthropicError? CheckBlocks(List<JsonObject> blocks, int i)
    {
        for (var j = 0; j < blocks.Count; j++)
        {
            var type = RecordedRequest.Value<string>(blocks[j], "type");
            if (type == "text" && string.IsNullOrEmpty(RecordedRequest.Value<string>(blocks[j], "text")))
            {
                return Invalid($"messages.{i}.content.{j}.text: text content blocks must be non-empty");
            }

            if (type == "tool_use" && blocks[j]["input"] is not JsonObject)
            {
                return Invalid($"messages.{i}.content.{j}.tool_use.input: Input should be a valid dictionary");
            }

            if (type == "image" && RecordedRequest.Value<string>(blocks[j]["source"] as JsonObject, "type") is not ("base64" or "url" or "file"))
            {
                return Invalid($"messages.{i}.content.{j}.image.source: Input tag does not match any of the expected tags");
            }
        }

        return null;
    }

    /// <summary>Every tool_use needs its tool_result in the very next (user) message, and no tool_result may be unmatched.</summary>
    private static FakeAnthropicError? CheckPairing(string role, List<JsonObject> blocks, int i, HashSet<string> pending)
    {
        var results = blocks.Where(b => RecordedRequest.Value<string>(b, "type") == "tool_result").Select(b => RecordedRequest.Value<string>(b, "tool_use_id") ?? "").ToList();
        if (role == "user")
        {
            var unexpected = results.FirstOrDefault(id => !pending.Contains(id));
            if (unexpected is not null)
            {
                return Invalid($"messages.{i}.content.0: unexpected `tool_use_id` found in `tool_result` blocks: {unexpected}. Each `tool_result` block must have a corresponding `tool_use` block in the previous message.");
            }
        }

        if (pending.Except(results).ToList() is { Count: > 0 } missing)
        {
            return Invalid($"messages.{i - 1}: `tool_use` ids were found without `tool_result` blocks immediately after: {string.Join(", ", missing)}. Each `tool_use` block must have a corresponding `tool_result` block in the next message.");
        }

        pending.Clear();
        if (role == "assistant")
        {
            foreach (var block in blocks.Where(b => RecordedRequest.Value<string>(b, "type") == "tool_use"))
            {
                pending.Add(RecordedRequest.Value<string>(block, "id") ?? "");
            }
        }

        return null;
    }

    private static List<JsonObject>? Blocks(JsonNode? content) => content switch
    {
        JsonValue value when value.TryGetValue<string>(out var text) =>
            text.Length == 0 ? [] : [new JsonObject { ["type"] = "text", ["text"] = text }],
        JsonArray array when array.All(b => b is JsonObject) => [.. array.Select(b => b!.AsObject())],
        _ => null,
    };

    private static FakeAnthropicError Invalid(string message) => new(400, "invalid_request_error", message);
}
