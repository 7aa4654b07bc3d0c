namespace OmniaKey.Modules.Policies.Pages;

/// <summary>
/// A policy's plain text as paragraphs (blocks separated by a blank line) of lines, for the page to render as
/// <c>&lt;p&gt;</c> elements with line breaks. Razor encodes every line, so the text can never inject markup.
/// </summary>
internal static class PlainTextParagraphs
{
    public static IReadOnlyList<IReadOnlyList<string>> Split(string text)
    {
        var paragraphs = new List<IReadOnlyList<string>>();
        var current = new List<string>();
        foreach (var raw in text.ReplaceLineEndings("\n").Split('\n'))
        {
            var line = raw.TrimEnd();
            if (line.Length == 0)
            {
                Flush();
                continue;
            }

            current.Add(line);
        }

        Flush();
        return paragraphs;

        void Flush()
        {
            if (current.Count > 0)
            {
                paragraphs.Add(current);
                current = [];
            }
        }
    }
}
