using System.Text.Json;
using System.Text.Json.Nodes;

namespace OmniaKey.Modules.Routing.Infrastructure.Providers.Anthropic;

/// <summary>OpenAI image and file parts as Anthropic <c>image</c> and <c>document</c> blocks (docs/providers.md#anthropic-images-and-documents).</summary>
internal static class AnthropicMediaTranslator
{
    private const string Base64Marker = ";base64,";

    private static readonly HashSet<string> ImageTypes = ["image/jpeg", "image/png", "image/gif", "image/webp"];

    /// <summary>
    /// A <c>data:</c> URL becomes a base64 source, an http(s) URL a <c>url</c> source (Anthropic fetches it itself).
    /// <c>detail</c> has no equivalent and is dropped.
    /// </summary>
    public static void WriteImage(Utf8JsonWriter writer, JsonNode? imageUrl, string param)
    {
        // The spec's shape is {url, detail}; a bare string is accepted too, as some clients send it.
        var url = JsonNodes.Text(imageUrl is JsonObject ? imageUrl["url"] : imageUrl)
            ?? throw new RequestTranslationException(param, $"{param} is required.");
        writer.WriteStartObject();
        writer.WriteString("type", "image");
        writer.WriteStartObject("source");
        if (url.StartsWith("data:", StringComparison.OrdinalIgnoreCase))
        {
            var mediaType = MediaTypeOf(url, param);
            if (mediaType == "image/jpg")
            {
                mediaType = "image/jpeg";
            }

            if (!ImageTypes.Contains(mediaType))
            {
                throw new RequestTranslationException(param, $"{param}: Claude models accept JPEG, PNG, GIF and WebP images, not {mediaType}.");
            }

            WriteBase64(writer, url, mediaType);
        }
        else if (url.StartsWith("https://", StringComparison.OrdinalIgnoreCase) || url.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
        {
            writer.WriteString("type", "url");
            writer.WriteString("url", url);
        }
        else
        {
            throw new RequestTranslationException(param, $"{param} must be an http(s) URL or a base64 data: URL.");
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    /// <summary>A PDF given inline (<c>file.file_data</c> as a data URL); OpenAI file ids mean nothing to Anthropic.</summary>
    public static void WriteDocument(Utf8JsonWriter writer, JsonNode? file, string param)
    {
        var data = JsonNodes.Text(file?["file_data"]);
        if (data is null || !data.StartsWith("data:", StringComparison.OrdinalIgnoreCase) || MediaTypeOf(data, param + ".file_data") != "application/pdf")
        {
            throw new RequestTranslationException(param, $"{param}: Claude models accept files only as a PDF in file_data (a data:application/pdf;base64 URL).");
        }

        writer.WriteStartObject();
        writer.WriteString("type", "document");
        writer.WriteStartObject("source");
        WriteBase64(writer, data, "application/pdf");
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static string MediaTypeOf(string dataUrl, string param)
    {
        var marker = dataUrl.IndexOf(Base64Marker, StringComparison.OrdinalIgnoreCase);
        if (marker < 0)
        {
            throw new RequestTranslationException(param, $"{param}: only base64 data: URLs are supported.");
        }

        return dataUrl[5..marker].ToLowerInvariant();
    }

    private static void WriteBase64(Utf8JsonWriter writer, string dataUrl, string mediaType)
    {
        var marker = dataUrl.IndexOf(Base64Marker, StringComparison.OrdinalIgnoreCase);
        writer.WriteString("type", "base64");
        writer.WriteString("media_type", mediaType);
        writer.WriteString("data", dataUrl.AsSpan(marker + Base64Marker.Length)); // no copy of a possibly large image
    }
}
