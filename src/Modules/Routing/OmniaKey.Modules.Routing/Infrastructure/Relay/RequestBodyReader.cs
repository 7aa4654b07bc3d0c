using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace OmniaKey.Modules.Routing.Infrastructure.Relay;

/// <summary>
/// Reads a request body into one pooled buffer (<see cref="PooledBytes"/>: a body too large for the pool gets a plain array), never more than the limit, and parses it from there (docs/adr/0022).
/// The buffer goes back to the pool as soon as the body is parsed: <c>JsonNode.Parse</c> of a span copies what it keeps,
/// so nothing refers to the buffer afterwards.
/// </summary>
internal static class RequestBodyReader
{
    private const int UndeclaredLengthGuess = 4096;

    /// <summary>
    /// Reads at most <paramref name="maxBytes"/> (a chunked upload declares no length; one byte more is read only to
    /// tell that it is too large). A returned length above the limit means "too large", with no parse; a null node
    /// means the body is not JSON. Kestrel is told the limit too, so it stops a body that outgrows it at the connection.
    /// </summary>
    public static async Task<(long Bytes, JsonNode? Node)> ReadAsync(HttpContext http, long maxBytes)
    {
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeFeature)
        {
            sizeFeature.MaxRequestBodySize = maxBytes;
        }

        // Room for one byte past the limit, so that a body that does not end there reads as too large.
        var ceiling = (int)Math.Min(maxBytes + 1, Array.MaxLength);
        var declared = (int)Math.Clamp(http.Request.ContentLength ?? UndeclaredLengthGuess, 0, Math.Min(maxBytes, 1 << 20));
        try
        {
            using var body = await PooledBytes.ReadAsync(http.Request.Body, declared + 1, ceiling, http.RequestAborted);
            return body.Length >= ceiling ? (body.Length, null) : (body.Length, Parse(body.Span));
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (maxBytes + 1, null);
        }
    }

    private static JsonNode? Parse(ReadOnlySpan<byte> body)
    {
        try
        {
            return JsonNode.Parse(body);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
