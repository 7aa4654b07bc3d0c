using System.Text.Json.Nodes;

namespace OmniaKey.Modules.Routing.Infrastructure.Providers.Gemini;

/// <summary>
/// A user message's content as Gemini parts: text, and images, audio and files given inline as <c>data:</c> URLs
/// (<c>inlineData</c>). Gemini cannot fetch arbitrary URLs (docs/providers.md#gemini-media): only Gemini Files API URIs are
/// passed on (<c>fileData</c>); any other http(s) URL is refused with a 400 rather than downloaded by the gateway,
/// which would put an unbounded fetch of customer-chosen URLs on the hot path.
/// </summary>
internal static class GeminiUserParts
{
    private const string FilesApiPrefix = "https://generativelanguage.googleapis.com/";

    public static void Write(GeminiContentsWriter contents, JsonNode? content, int index)
    {
        switch (content)
        {
            case null:
                return;
            case JsonValue value when value.TryGetValue<string>(out var text):
                contents.Text(GeminiContentsWriter.User, text);
                return;
            case JsonArray parts:
                for (var j = 0; j < parts.Count; j++)
                {
                    WritePart(contents, parts[j] as JsonObject, $"messages[{index}].content[{j}]");
                }

                return;
            default:
                throw new RequestTranslationException($"messages[{index}].content", "A user message's content must be a string or an array of content parts.");
        }
    }

    private static void WritePart(GeminiContentsWriter contents, JsonObject? part, string param)
    {
        switch (GeminiJson.Text(part?["type"]))
        {
            case "text":
                contents.Text(GeminiContentsWriter.User, GeminiJson.Text(part!["text"])
                    ?? throw new RequestTranslationException($"{param}.text", "A text part needs a 'text' string."));
                break;
            case "image_url":
                var url = GeminiJson.Text(GeminiJson.Get(part!["image_url"], "url")) ?? GeminiJson.Text(part["image_url"])
                    ?? throw new RequestTranslationException($"{param}.image_url.url", "An image_url part needs a 'url'.");
                WriteUrl(contents, url, $"{param}.image_url.url");
                break;
            case "input_audio":
                WriteAudio(contents, part!["input_audio"] as JsonObject, $"{param}.input_audio");
                break;
            case "file":
                var fileData = GeminiJson.Text(GeminiJson.Get(part!["file"], "file_data"))
                    ?? throw new RequestTranslationException($"{param}.file", "Gemini models accept files only inline, as 'file_data' (a data: URL); 'file_id' is not supported.");
                WriteUrl(contents, fileData, $"{param}.file.file_data");
                break;
            default:
                throw new RequestTranslationException($"{param}.type", "Gemini models accept user content parts of type text, image_url, input_audio and file.");
        }
    }

    private static void WriteUrl(GeminiContentsWriter contents, string url, string param)
    {
        if (url.StartsWith("data:", StringComparison.OrdinalIgnoreCase))
        {
            var (mimeType, data) = ParseDataUrl(url, param);
            WriteInline(contents, mimeType, data.Span);
            return;
        }

        if (url.StartsWith(FilesApiPrefix, StringComparison.OrdinalIgnoreCase) && url.Contains("/files/", StringComparison.Ordinal))
        {
            var part = contents.Part(GeminiContentsWriter.User);
            part.WriteStartObject();
            part.WriteStartObject("fileData");
            part.WriteString("fileUri", url);
            part.WriteEndObject();
            part.WriteEndObject();
            return;
        }

        throw new RequestTranslationException(param,
            "Gemini models cannot fetch URLs: send the image as a base64 data: URL (data:image/png;base64,...) or as a Gemini Files API URI.");
    }

    private static void WriteAudio(GeminiContentsWriter contents, JsonObject? audio, string param)
    {
        var data = GeminiJson.Text(audio?["data"]) ?? throw new RequestTranslationException($"{param}.data", "An input_audio part needs base64 'data'.");
        var mimeType = GeminiJson.Text(audio!["format"]) switch
        {
            "wav" => "audio/wav",
            "mp3" => "audio/mp3",
            _ => throw new RequestTranslationException($"{param}.format", "input_audio 'format' must be wav or mp3."),
        };
        WriteInline(contents, mimeType, data);
    }

    private static void WriteInline(GeminiContentsWriter contents, string mimeType, ReadOnlySpan<char> base64)
    {
        var part = contents.Part(GeminiContentsWriter.User);
        part.WriteStartObject();
        part.WriteStartObject("inlineData");
        part.WriteString("mimeType", mimeType);
        part.WriteString("data", base64);
        part.WriteEndObject();
        part.WriteEndObject();
    }

    /// <summary><c>data:&lt;mime type&gt;[;params];base64,&lt;data&gt;</c> — only base64 data URLs carry binary data.</summary>
    internal static (string MimeType, ReadOnlyMemory<char> Data) ParseDataUrl(string url, string param)
    {
        var comma = url.IndexOf(',', StringComparison.Ordinal);
        var header = comma < 0 ? default : url.AsSpan(5, comma - 5);
        if (comma < 0 || !header.EndsWith(";base64", StringComparison.OrdinalIgnoreCase) || comma == url.Length - 1)
        {
            throw new RequestTranslationException(param, "A data: URL must be base64-encoded: data:<mime type>;base64,<data>.");
        }

        var semicolon = header.IndexOf(';');
        var mimeType = header[..semicolon].Trim();
        if (mimeType.IsEmpty || mimeType.IndexOf('/') < 0)
        {
            throw new RequestTranslationException(param, "A data: URL must name its media type, e.g. data:image/png;base64,....");
        }

        return (mimeType.ToString().ToLowerInvariant(), url.AsMemory(comma + 1));
    }
}
