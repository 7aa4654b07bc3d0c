using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace OmniaKey.Modules.Routing.Infrastructure.Providers.OpenAi;

/// <summary>
/// The text a chunk's <c>choices</c> delivered, kept to estimate usage if the stream breaks: each choice's
/// <c>delta.content</c>, then each tool call's name and arguments — the order, and the text of values that are not
/// strings, as the <c>JsonNode</c> walk it replaces produced them (docs/adr/0022).
/// </summary>
internal static class OpenAiDeltaText
{
    private const int StackChars = 256;

    /// <summary>Reads <c>choices</c> (positioned on its <c>[</c>), appending what each delta delivered; returns how many elements it has.</summary>
    public static int ReadChoices(ref Utf8JsonReader reader, ReadOnlySpan<byte> utf8, StringBuilder delivered)
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
        if (length > PooledBuffers.MaxPooledBytes / sizeof(char))
        {
            to.Append(reader.GetString()); // too large for the pool (see PooledBuffers)
            return;
        }

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
}
