using System.Buffers;
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
internal ref struct OpenAiChunkScan
{
    private const int StackChars = 256;

    /// <summary>The byte range of the top-level <c>error</c> object, when there is one.</summary>
    public Range? Error;

    /// <summary>The top-level <c>id</c>, only when it is a string that differs from the id already known.</summary>
    public string? NewId;

    /// <summary>The top-level <c>usage</c>, when it is an object.</summary>
    public TokenUsage? Usage;

    /// <summary>True when <c>choices</c> is an array with no element (OpenAI's usage-only chunk).</summary>
    public bool ChoicesEmpty;

    public static OpenAiChunkScan Read(ReadOnlySpan<byte> utf8, string knownId, StringBuilder delivered)
    {
        var scan = default(OpenAiChunkScan);
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
                    scan.Error = start..(int)reader.BytesConsumed;
                }
                else if (field == Field.Id && reader.TokenType == JsonTokenType.String)
                {
                    scan.NewId = reader.ValueTextEquals(knownId) ? null : reader.GetString();
                }
                else if (field == Field.Usage && reader.TokenType == JsonTokenType.StartObject)
                {
                    scan.Usage = OpenAiUsageReader.Read(ref reader);
                }
                else if (field == Field.Choices && reader.TokenType == JsonTokenType.StartArray)
                {
                    scan.ChoicesEmpty = ReadChoices(ref reader, utf8, delivered) == 0;
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

        return scan;
    }

    /// <summary>Reads <c>choices</c> (positioned on its <c>[</c>), appending what each delta delivered; returns how many elements it has.</summary>
    private static int ReadChoices(ref Utf8JsonReader reader, ReadOnlySpan<byte> utf8, StringBuilder delivered)
    {
        var count = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            count++;
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                reader.Skip();
                continue;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isDelta = reader.ValueTextEquals("delta"u8);
                reader.Read();
                if (isDelta && reader.TokenType == JsonTokenType.StartObject)
                {
                    ReadDelta(ref reader, utf8, delivered);
                }
                else
                {
                    reader.Skip();
                }
            }
        }

        return count;
    }

    /// <summary>The content first, then each tool call's name and arguments, whatever order the delta has them in.</summary>
    private static void ReadDelta(ref Utf8JsonReader reader, ReadOnlySpan<byte> utf8, StringBuilder delivered)
    {
        var deltaStart = delivered.Length;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var property = reader.ValueTextEquals("content"u8) ? 1 : reader.ValueTextEquals("tool_calls"u8) ? 2 : 0;
            reader.Read();
            if (property == 1 && reader.TokenType == JsonTokenType.String)
            {
                if (delivered.Length == deltaStart)
                {
                    AppendString(ref reader, delivered);
                }
                else
                {
                    // Tool calls came first in this delta: the content still goes before them, as the tree walk had it.
                    delivered.Insert(deltaStart, reader.GetString());
                }
            }
            else if (property == 2 && reader.TokenType == JsonTokenType.StartArray)
            {
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    ReadToolCall(ref reader, utf8, delivered);
                }
            }
            else
            {
                reader.Skip();
            }
        }
    }

    private static void ReadToolCall(ref Utf8JsonReader reader, ReadOnlySpan<byte> utf8, StringBuilder delivered)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isFunction = reader.ValueTextEquals("function"u8);
            reader.Read();
            if (!isFunction || reader.TokenType != JsonTokenType.StartObject)
            {
                reader.Skip();
                continue;
            }

            // Name before arguments, whatever order the object has them in.
            var functionStart = delivered.Length;
            var nameEnd = functionStart;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var field = reader.ValueTextEquals("name"u8) ? 1 : reader.ValueTextEquals("arguments"u8) ? 2 : 0;
                reader.Read();
                if (field == 1)
                {
                    var text = TextOf(ref reader, utf8);
                    delivered.Insert(nameEnd, text);
                    nameEnd += text.Length;
                }
                else if (field == 2 && reader.TokenType == JsonTokenType.String)
                {
                    AppendString(ref reader, delivered);
                }
                else if (field == 2)
                {
                    delivered.Append(TextOf(ref reader, utf8));
                }
                else
                {
                    reader.Skip();
                }
            }
        }
    }

    /// <summary>A string value's text, unescaped straight into the builder (no string is allocated for it).</summary>
    private static void AppendString(ref Utf8JsonReader reader, StringBuilder to)
    {
        var length = reader.ValueSpan.Length; // UTF-8 bytes, escaped: never fewer than the UTF-16 chars they decode to
        char[]? rented = null;
        var chars = length <= StackChars ? stackalloc char[StackChars] : (rented = ArrayPool<char>.Shared.Rent(length));
        try
        {
            to.Append(chars[..reader.CopyString(chars)]);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<char>.Shared.Return(rented);
            }
        }
    }

    /// <summary>What <c>JsonNode.ToString()</c> gives for this value: a string's text, a number's or literal's JSON, an object's indented JSON.</summary>
    private static string TextOf(ref Utf8JsonReader reader, ReadOnlySpan<byte> utf8)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                return reader.GetString()!;
            case JsonTokenType.Null:
                return string.Empty;
            case JsonTokenType.StartObject or JsonTokenType.StartArray:
                var start = (int)reader.TokenStartIndex;
                reader.Skip();
                return JsonNode.Parse(utf8[start..(int)reader.BytesConsumed])!.ToString();
            default:
                return Encoding.UTF8.GetString(reader.ValueSpan);
        }
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
