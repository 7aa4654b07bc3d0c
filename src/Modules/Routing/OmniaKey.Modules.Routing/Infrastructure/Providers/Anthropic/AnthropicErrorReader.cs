using System.Text.Json;

namespace OmniaKey.Modules.Routing.Infrastructure.Providers.Anthropic;

/// <summary>
/// Anthropic's error body <c>{"type":"error","error":{"type","message"},"request_id"}</c> (docs/providers.md#anthropic-errors) as an
/// <see cref="UpstreamError"/>. Anthropic has error types but no codes, so <c>code</c> stays null and the type is
/// passed on as it is.
/// </summary>
internal static class AnthropicErrorReader
{
    /// <summary>
    /// An HTTP error answer. The status is kept, 529 <c>overloaded_error</c> included (it stays a channel failure,
    /// and clients see Anthropic's own overload signal). A 401 <c>authentication_error</c> means the channel's key is
    /// wrong — the gateway's misconfiguration, not the caller's — so the relay tries another channel first; when none
    /// is left the client gets the gateway's 502 <c>upstream_unavailable</c> (<see cref="UpstreamError.CredentialRejected"/>).
    /// </summary>
    public static UpstreamError Read(int status, string body, TimeSpan? retryAfter) =>
        TryRead(body, status, retryAfter)
            ?? new UpstreamError(status, "upstream_error", null, $"The upstream answered HTTP {status}.", null, retryAfter);

    /// <summary>
    /// An <c>event: error</c> in a stream (or a raw error body where an event was expected). It arrives after HTTP 200,
    /// so the status is the one Anthropic documents for its type, e.g. 529 for <c>overloaded_error</c>.
    /// </summary>
    public static UpstreamError ReadStreamError(string data) =>
        TryRead(data, null, null)
            ?? new UpstreamError(500, "api_error", null, "The upstream stream failed.");

    public static int StatusOf(string? type) => type switch
    {
        "invalid_request_error" => 400,
        "authentication_error" => 401,
        "billing_error" => 402,
        "permission_error" => 403,
        "not_found_error" => 404,
        "request_too_large" => 413,
        "rate_limit_error" => 429,
        "timeout_error" => 504,
        "overloaded_error" => 529,
        _ => 500,
    };

    private static UpstreamError? TryRead(string body, int? status, TimeSpan? retryAfter)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("error", out var error)
                || error.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            var type = Text(error, "type") ?? "upstream_error";
            var message = Text(error, "message") ?? $"The upstream answered with {type}.";
            return new UpstreamError(status ?? StatusOf(type), type, null, message, null, retryAfter);
        }
        catch (JsonException)
        {
            return null; // Not JSON: a proxy's HTML page, say.
        }
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
