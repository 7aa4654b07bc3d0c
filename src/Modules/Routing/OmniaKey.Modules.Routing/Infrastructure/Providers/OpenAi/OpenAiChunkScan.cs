using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using OmniaKey.Modules.Billing.Contracts;

namespace OmniaKey.Modules.Routing.Infrastructure.Providers.OpenAi;

/// <summary>
/// What the relay needs from one OpenAI <c>chat.completion.chunk</c>, read in one forward pass with
/// <see cref="Utf8JsonReader"/> instead of a <see cref="JsonNode"/> tree (docs/adr/0022): the top-level <c>error</c>
/// object (kept as its raw bytes' range), the <c>id</c> when it differs from the one already known, the <c>usage</c>
/// object, and whether <c>choices</c> is an empty array. The delivered text (each choice's <c>delta.content</c>, then
/// each tool call's name and arguments) is appended to a builder as it is read; the caller takes it back out if the
/// chunk turns out to be an error. The whole chunk is read, so invalid JSON throws <see cref="JsonException"/> as
/// <c>JsonNode.Parse</c> did.
/// </summary>
/// <param name="Error">The byte range of the top-level <c>error</c> object, when there is one.</param>
/// <param name="NewId">The top-level <c>id</c>, only when it is a string that differs from the id already known.</param>
/// <param name="Usage">The top-level <c>usage</c>, when it is an object.</param>
/// <param name="ChoicesEmpty">True when <c>choices</c> is an array with no element (OpenAI's usage-only chunk).</param>
internal readonly record struct OpenAiChunkScan(Range? Error, string? NewId, TokenUsage? Usage, bool ChoicesEmpty)
{
    public static OpenAiChunkScan Read(ReadOnlySpan<byte> utf8, string knownId, StringBuilder delivered)
    {
        Range? error = null;
        string? newId = null;
        TokenUsage? usage = null;
        var choicesEmpty = false;
        var reader = new Utf8JsonReader(utf8, isFinalBlock: true, state: default);
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
        }
        else
        {
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var field = TopLevelField(ref reader);
                reader.Read();
                if (field == Field.Error && reader.TokenType == JsonTokenType.StartObject)
                {
                    var start = (int)reader.TokenStartIndex;
                    reader.Skip();
                    error = start..(int)reader.BytesConsumed;
                }
                else if (field == Field.Id && reader.TokenType == JsonTokenType.String)
                {
                    newId = reader.ValueTextEquals(knownId) ? null : reader.GetString();
                }
                else if (field == Field.Usage && reader.TokenType == JsonTokenType.StartObject)
                {
                    usage = OpenAiUsageReader.Read(ref reader);
                }
                else if (field == Field.Choices && reader.TokenType == JsonTokenType.StartArray)
                {
                    choicesEmpty = OpenAiDeltaText.ReadChoices(ref reader, utf8, delivered) == 0;
                }
                else
                {
                    reader.Skip();
                }
            }
        }

        // Nothing may follow the chunk's one value, as for JsonNode.Parse.
        if (reader.Read())
        {
            throw new JsonException("The chunk has content after its JSON value.");
        }

        return new OpenAiChunkScan(error, newId, usage, choicesEmpty);
    }

    private static Field TopLevelField(ref Utf8JsonReader reader) =>
        reader.ValueTextEquals("error"u8) ? Field.Error
        : reader.ValueTextEquals("id"u8) ? Field.Id
        : reader.ValueTextEquals("usage"u8) ? Field.Usage
        : reader.ValueTextEquals("choices"u8) ? Field.Choices
        : Field.Other;

    private enum Field
    {
        Other,
        Error,
        Id,
        Usage,
        Choices,
    }
}
