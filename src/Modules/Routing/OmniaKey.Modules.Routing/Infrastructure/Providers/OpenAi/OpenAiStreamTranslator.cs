using System.Text;
using System.Text.Json.Nodes;
using OmniaKey.Modules.Billing.Contracts;
using OmniaKey.Modules.Routing.Infrastructure.Relay;

namespace OmniaKey.Modules.Routing.Infrastructure.Providers.OpenAi;

/// <summary>
/// Passes OpenAI chunks through as they are (the bytes forwarded are the upstream's). Each chunk is parsed to keep
/// the delivered text (for estimating usage if the stream breaks), the usage and any error; the usage-only chunk is
/// held back because the relay sends its own, priced one when the client asked for usage.
/// </summary>
internal sealed class OpenAiStreamTranslator(TranslationContext context) : IStreamTranslator
{
    private readonly StringBuilder delivered = new();

    public string ResponseId { get; private set; } = context.CompletionId;

    public TokenUsage? Usage { get; private set; }

    public bool Finished { get; private set; }

    public UpstreamError? Error { get; private set; }

    public string DeliveredText => delivered.ToString();

    public void Translate(string? eventName, string data, List<string> emit)
    {
        if (data == "[DONE]")
        {
            Finished = true;
            return;
        }

        var chunk = JsonNode.Parse(data) as JsonObject;
        if (chunk?["error"] is JsonObject error)
        {
            Error = new UpstreamError(500, error["type"]?.ToString() ?? "server_error", error["code"]?.ToString(), error["message"]?.ToString() ?? "The upstream stream failed.");
            return;
        }

        if (chunk?["id"] is JsonValue id && id.TryGetValue<string>(out var responseId))
        {
            ResponseId = responseId;
        }

        if (chunk?["usage"] is JsonObject usage)
        {
            Usage = OpenAiUsage.Parse(usage);
            if (chunk["choices"] is JsonArray { Count: 0 })
            {
                return;
            }
        }

        Remember(chunk);
        emit.Add(data);
    }

    /// <summary>Keeps the delivered text and tool arguments, in case the stream breaks before usage arrives.</summary>
    private void Remember(JsonObject? chunk)
    {
        if (chunk?["choices"] is not JsonArray choices)
        {
            return;
        }

        foreach (var choice in choices)
        {
            var delta = choice?["delta"];
            if (delta?["content"] is JsonValue content && content.TryGetValue<string>(out var text))
            {
                delivered.Append(text);
            }

            if (delta?["tool_calls"] is JsonArray calls)
            {
                foreach (var call in calls)
                {
                    delivered.Append(call?["function"]?["name"]?.ToString()).Append(call?["function"]?["arguments"]?.ToString());
                }
            }
        }
    }
}
