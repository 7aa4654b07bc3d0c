using System.Text.Json;
using OmniaKey.Modules.Routing.Infrastructure.Relay;

namespace OmniaKey.Modules.Routing.Infrastructure.Providers.OpenAi;

/// <summary>
/// Reads an OpenAI <c>chat.completion</c> in one forward pass with <see cref="Utf8JsonReader"/>, for the relay to pass
/// the upstream's bytes through with <c>usage.cost</c> added, instead of parsing them into a <c>JsonNode</c> tree and
/// writing that out again (ADR 0022's rule for stream chunks, now for whole answers). Only the plain case is passed
/// through: a JSON object with one <c>usage</c> object that has no <c>cost</c> of its own. Anything else (no usage,
/// invalid JSON, a repeated <c>usage</c>) returns null, and the answer goes the translated way, with its errors.
/// </summary>
internal static class OpenAiCompletionScan
{
    public static CompletionPassThrough? Read(ReadOnlySpan<byte> utf8)
    {
        try
        {
            var reader = new Utf8JsonReader(utf8, isFinalBlock: true, state: default);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            CompletionPassThrough? found = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isUsage = reader.ValueTextEquals("usage"u8);
                reader.Read();
                if (!isUsage)
                {
                    reader.Skip();
                    continue;
                }

                if (found is not null || reader.TokenType != JsonTokenType.StartObject)
                {
                    return null;
                }

                var start = (int)reader.TokenStartIndex;
                var usage = OpenAiUsageReader.Read(ref reader);
                var end = (int)reader.TokenStartIndex;
                var inside = utf8[(start + 1)..end];
                if (inside.IndexOf("\"cost\""u8) >= 0)
                {
                    return null;
                }

                found = new CompletionPassThrough(usage, end, inside.Trim(" \t\r\n"u8).IsEmpty);
            }

            // The object must end the document, as JsonNode.Parse would require.
            return reader.TokenType == JsonTokenType.EndObject && !reader.Read() ? found : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
