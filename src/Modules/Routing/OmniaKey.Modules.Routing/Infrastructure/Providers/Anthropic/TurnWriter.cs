using System.Text.Json;

namespace OmniaKey.Modules.Routing.Infrastructure.Providers.Anthropic;

/// <summary>
/// Writes Anthropic turns block by block: a turn is opened by its first block and closed when a block of the other
/// role arrives, so that same-role OpenAI messages merge and a message without blocks leaves no empty turn.
/// </summary>
internal sealed class TurnWriter(Utf8JsonWriter writer)
{
    private string? role;

    public bool Any { get; private set; }

    /// <summary>Opens a <paramref name="turnRole"/> turn unless one is open, and returns the writer for one block.</summary>
    public Utf8JsonWriter Block(string turnRole)
    {
        if (role != turnRole)
        {
            Close();
            writer.WriteStartObject();
            writer.WriteString("role", turnRole);
            writer.WriteStartArray("content");
            role = turnRole;
            Any = true;
        }

        return writer;
    }

    public void Text(string turnRole, string text)
    {
        var block = Block(turnRole);
        block.WriteStartObject();
        block.WriteString("type", "text");
        block.WriteString("text", text);
        block.WriteEndObject();
    }

    public void Close()
    {
        if (role is null)
        {
            return;
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
        role = null;
    }
}
