using System.Text.Json.Nodes;

namespace OmniaKey.IntegrationTests.Infrastructure;

/// <summary>
/// One fake answer rendered in Anthropic's wire format (docs/providers.md#anthropic-responses, #anthropic-streaming): the <c>Message</c> object, or the
/// stream's events in order, each marked when it is a delta (a "piece" that breaks and errors count).
/// </summary>
internal sealed record FakeAnthropicMessage(string Id, string Model, FakeAnthropicReply Reply)
{
    public JsonObject ToJson() => new()
    {
        ["id"] = Id,
        ["type"] = "message",
        ["role"] = "assistant",
        ["model"] = Model,
        ["content"] = new JsonArray([.. Reply.Blocks.Select(WholeBlock)]),
        ["stop_reason"] = Reply.StopReason,
        ["stop_sequence"] = null,
        ["usage"] = Usage(Reply.OutputTokens),
    };

    public IEnumerable<(string Event, JsonObject Data, bool IsPiece)> Events()
    {
        var start = ToJson();
        start["content"] = new JsonArray();
        start["stop_reason"] = null;
        start["usage"] = Usage(outputTokens: 1); // the placeholder count of the docs' example, not to be added to the final one
        yield return ("message_start", new JsonObject { ["type"] = "message_start", ["message"] = start }, false);

        for (var index = 0; index < Reply.Blocks.Count; index++)
        {
            var block = Reply.Blocks[index];
            yield return ("content_block_start", new JsonObject { ["type"] = "content_block_start", ["index"] = index, ["content_block"] = StartBlock(block) }, false);
            if (index == 0)
            {
                yield return ("ping", new JsonObject { ["type"] = "ping" }, false);
            }

            foreach (var delta in Deltas(block))
            {
                yield return ("content_block_delta", new JsonObject { ["type"] = "content_block_delta", ["index"] = index, ["delta"] = delta.Delta }, delta.IsPiece);
            }

            yield return ("content_block_stop", new JsonObject { ["type"] = "content_block_stop", ["index"] = index }, false);
        }

        var stop = new JsonObject { ["stop_reason"] = Reply.StopReason, ["stop_sequence"] = null };
        yield return ("message_delta", new JsonObject { ["type"] = "message_delta", ["delta"] = stop, ["usage"] = Usage(Reply.OutputTokens) }, false);
        yield return ("message_stop", new JsonObject { ["type"] = "message_stop" }, false);
    }

    /// <summary>Cumulative usage; a <c>message_delta</c> repeats the input counts, as current responses do.</summary>
    private JsonObject Usage(int outputTokens) => new()
    {
        ["input_tokens"] = Reply.InputTokens,
        ["cache_creation_input_tokens"] = Reply.CacheWriteTokens,
        ["cache_read_input_tokens"] = Reply.CacheReadTokens,
        ["output_tokens"] = outputTokens,
    };

    private static JsonObject WholeBlock(FakeAnthropicBlock block) => block switch
    {
        FakeTextBlock text => new JsonObject { ["type"] = "text", ["text"] = text.Text },
        FakeThinkingBlock thinking => new JsonObject { ["type"] = "thinking", ["thinking"] = thinking.Thinking, ["signature"] = thinking.Signature },
        FakeToolUseBlock tool => new JsonObject { ["type"] = "tool_use", ["id"] = tool.Id, ["name"] = tool.Name, ["input"] = JsonNode.Parse(tool.InputJson) },
        _ => throw new ArgumentOutOfRangeException(nameof(block)),
    };

    private static JsonObject StartBlock(FakeAnthropicBlock block) => block switch
    {
        FakeTextBlock => new JsonObject { ["type"] = "text", ["text"] = "" },
        FakeThinkingBlock => new JsonObject { ["type"] = "thinking", ["thinking"] = "" },
        FakeToolUseBlock tool => new JsonObject { ["type"] = "tool_use", ["id"] = tool.Id, ["name"] = tool.Name, ["input"] = new JsonObject() },
        _ => throw new ArgumentOutOfRangeException(nameof(block)),
    };

    private static IEnumerable<(JsonObject Delta, bool IsPiece)> Deltas(FakeAnthropicBlock block)
    {
        switch (block)
        {
            case FakeTextBlock text:
                foreach (var piece in text.Pieces)
                {
                    yield return (new JsonObject { ["type"] = "text_delta", ["text"] = piece }, true);
                }

                break;
            case FakeThinkingBlock thinking:
                yield return (new JsonObject { ["type"] = "thinking_delta", ["thinking"] = thinking.Thinking }, false);
                yield return (new JsonObject { ["type"] = "signature_delta", ["signature"] = thinking.Signature }, false);
                break;
            case FakeToolUseBlock tool:
                yield return (new JsonObject { ["type"] = "input_json_delta", ["partial_json"] = "" }, false); // often first, per the docs
                foreach (var piece in tool.InputPieces)
                {
                    yield return (new JsonObject { ["type"] = "input_json_delta", ["partial_json"] = piece }, true);
                }

                break;
        }
    }
}
