using System.Text.Json;
using OmniaKey.Modules.Billing.Contracts;

namespace OmniaKey.Modules.Routing.Infrastructure.Providers.OpenAi;

/// <summary>
/// Reads OpenAI's <c>usage</c> object off a <see cref="Utf8JsonReader"/>, with the rules of
/// <see cref="Relay.OpenAiUsage"/> (docs/providers.md#openai-responses-and-usage): a count that is not a positive
/// integer reads as zero, and the details objects may be absent.
/// </summary>
internal static class OpenAiUsageReader
{
    /// <summary>Reads the object the reader is on (its <c>{</c>) and leaves the reader on its <c>}</c>.</summary>
    public static TokenUsage Read(ref Utf8JsonReader reader)
    {
        long input = 0, output = 0, cacheRead = 0, cacheWrite = 0, reasoning = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("prompt_tokens"u8))
            {
                input = Count(ref reader);
            }
            else if (reader.ValueTextEquals("completion_tokens"u8))
            {
                output = Count(ref reader);
            }
            else if (reader.ValueTextEquals("prompt_tokens_details"u8))
            {
                reader.Read();
                ReadDetails(ref reader, "cached_tokens"u8, ref cacheRead, "cache_write_tokens"u8, ref cacheWrite);
            }
            else if (reader.ValueTextEquals("completion_tokens_details"u8))
            {
                reader.Read();
                var none = 0L;
                ReadDetails(ref reader, "reasoning_tokens"u8, ref reasoning, default, ref none);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return new TokenUsage(input, output, cacheRead, cacheWrite, reasoning);
    }

    /// <summary>A details object (or anything else, which counts as absent): up to two of its counts.</summary>
    private static void ReadDetails(ref Utf8JsonReader reader, ReadOnlySpan<byte> firstName, ref long first, ReadOnlySpan<byte> secondName, ref long second)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals(firstName))
            {
                first = Count(ref reader);
            }
            else if (!secondName.IsEmpty && reader.ValueTextEquals(secondName))
            {
                second = Count(ref reader);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
    }

    /// <summary>Reads the value after the property name the reader is on.</summary>
    private static long Count(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var number) && number > 0)
        {
            return number;
        }

        reader.Skip();
        return 0;
    }
}
