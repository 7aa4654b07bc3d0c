using System.Text.Json;

namespace OmniaKey.Modules.Routing.Infrastructure.Providers.Gemini;

/// <summary>
/// Writes Gemini's <c>contents</c> array part by part. Consecutive parts of the same role go into one content, so
/// that the tool results of one assistant turn form a single <c>user</c> turn and no turn is ever written without
/// parts (Gemini rejects empty <c>parts</c> and empty text).
/// </summary>
internal sealed class GeminiContentsWriter(Utf8JsonWriter writer)
{
    public const string User = "user";
    public const string Model = "model";

    private string? openRole;

    /// <summary>How many contents were written.</summary>
    public int Count { get; private set; }

    /// <summary>Opens a content of <paramref name="role"/> if needed; the caller then writes one part object.</summary>
    public Utf8JsonWriter Part(string role)
    {
        if (!string.Equals(openRole, role, StringComparison.Ordinal))
        {
            Close();
            writer.WriteStartObject();
            writer.WriteString("role", role);
            writer.WriteStartArray("parts");
            openRole = role;
            Count++;
        }

        return writer;
    }

    public void Text(string role, string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return;
        }

        var part = Part(role);
        part.WriteStartObject();
        part.WriteString("text", text);
        part.WriteEndObject();
    }

    public void Close()
    {
        if (openRole is null)
        {
            return;
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
        openRole = null;
    }
}
