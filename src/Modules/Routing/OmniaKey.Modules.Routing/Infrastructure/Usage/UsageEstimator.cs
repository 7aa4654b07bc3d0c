using System.Text;
using System.Text.Json.Nodes;
using Microsoft.ML.Tokenizers;
using OmniaKey.Modules.Billing.Contracts;
using OmniaKey.Modules.Routing.Infrastructure.Relay;

namespace OmniaKey.Modules.Routing.Infrastructure.Usage;

/// <summary>
/// Counts tokens when a stream broke before the upstream reported usage. It uses OpenAI's o200k_base encoding for
/// every provider: exact for current GPT models, and close for Claude and Gemini, whose tokenizers are not public.
/// Whatever the upstream did report is kept (Anthropic reports input at the start of a stream); only the rest is
/// counted, and never less than reported. Image, audio and file parts, which no tokenizer counts, are added at the
/// model's maximum for each kind (<see cref="ChatRequest.MediaInputTokens"/>).
/// </summary>
internal sealed class UsageEstimator
{
    private readonly Lazy<Tokenizer> tokenizer = new(() => TiktokenTokenizer.CreateForEncoding("o200k_base"));

    public TokenUsage Estimate(ChatRequest request, string deliveredText, TokenUsage? reported)
    {
        var output = Count(deliveredText);
        if (reported is not null && reported.InputTokens > 0)
        {
            return reported with { OutputTokens = Math.Max(reported.OutputTokens, output) };
        }

        var input = Count(PromptText(request.Body)) + request.MediaInputTokens;
        return new TokenUsage(input, Math.Max(reported?.OutputTokens ?? 0, output), 0, 0, 0);
    }

    public int Count(string text) => text.Length == 0 ? 0 : tokenizer.Value.CountTokens(text);

    /// <summary>The text of the prompt: every message's text and tool calls, and the tool definitions.</summary>
    private static string PromptText(JsonObject body)
    {
        var text = new StringBuilder();
        foreach (var message in body["messages"] as JsonArray ?? [])
        {
            text.Append(message?["role"]?.ToString()).Append('\n');
            switch (message?["content"])
            {
                case JsonValue value:
                    text.Append(value.ToString()).Append('\n');
                    break;
                case JsonArray parts:
                    foreach (var part in parts)
                    {
                        text.Append(part?["text"]?.ToString()).Append('\n');
                    }

                    break;
            }

            if (message?["tool_calls"] is JsonArray calls)
            {
                text.Append(calls.ToJsonString()).Append('\n');
            }
        }

        if (body["tools"] is JsonArray tools)
        {
            text.Append(tools.ToJsonString());
        }

        return text.ToString();
    }
}
