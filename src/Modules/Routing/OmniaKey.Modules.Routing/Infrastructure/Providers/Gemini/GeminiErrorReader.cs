using System.Globalization;
using System.Text.Json;

namespace OmniaKey.Modules.Routing.Infrastructure.Providers.Gemini;

/// <summary>
/// Gemini error bodies <c>{"error":{"code","message","status","details":[…]}}</c> (docs/providers.md#gemini-errors) →
/// <see cref="UpstreamError"/>: the google.rpc status (<c>RESOURCE_EXHAUSTED</c>…) as the type, the
/// <c>ErrorInfo.reason</c> (<c>API_KEY_INVALID</c>…) as the code, and the wait Gemini asks for, which it puts in
/// <c>RetryInfo.retryDelay</c> rather than in a <c>Retry-After</c> header.
/// </summary>
internal static class GeminiErrorReader
{
    private const string RetryInfoType = "type.googleapis.com/google.rpc.RetryInfo";
    private const string ErrorInfoType = "type.googleapis.com/google.rpc.ErrorInfo";
    private const string InvalidKeyReason = "API_KEY_INVALID";

    /// <summary>
    /// An HTTP error answer. The status is kept as Gemini sent it — including the 400 Gemini answers for an invalid
    /// API key (it has no 401). That one is the gateway's misconfiguration of the channel, not the caller's mistake,
    /// so it is marked <see cref="UpstreamError.CredentialRejected"/>: another channel may serve the call, and if none
    /// can the client gets the gateway's 502 <c>upstream_unavailable</c>.
    /// </summary>
    public static UpstreamError Read(int status, string body, TimeSpan? retryAfterHeader)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (ErrorOf(document.RootElement) is { } error)
            {
                return From(status, error, retryAfterHeader);
            }
        }
        catch (JsonException)
        {
            // Not JSON (a proxy's HTML page, say): fall through to the generic message.
        }

        return new UpstreamError(status, "upstream_error", null, $"The upstream answered HTTP {status}.", null, retryAfterHeader);
    }

    /// <summary>An error that arrived inside a 200 stream; its status is the one the body names (500 if none).</summary>
    public static UpstreamError FromStream(JsonElement error)
    {
        var status = error.TryGetProperty("code", out var code) && code.TryGetInt32(out var value) && value is >= 400 and <= 599 ? value : 500;
        return From(status, error, null);
    }

    /// <summary>The <c>error</c> object of a body, which the non-SSE stream form wraps in an array.</summary>
    public static JsonElement? ErrorOf(JsonElement root)
    {
        if (root.ValueKind == JsonValueKind.Array && root.GetArrayLength() > 0)
        {
            root = root[0];
        }

        return root.ValueKind == JsonValueKind.Object && root.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object
            ? error
            : null;
    }

    /// <summary>A protobuf JSON duration: decimal seconds with an <c>s</c> suffix ("23s", "1.5s").</summary>
    public static TimeSpan? ParseDuration(string? duration)
    {
        if (duration is not { Length: > 1 } || duration[^1] != 's'
            || !decimal.TryParse(duration.AsSpan(0, duration.Length - 1), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var seconds))
        {
            return null;
        }

        return TimeSpan.FromTicks((long)(seconds * TimeSpan.TicksPerSecond));
    }

    private static UpstreamError From(int status, JsonElement error, TimeSpan? retryAfterHeader)
    {
        string? reason = null;
        TimeSpan? retryDelay = null;
        if (error.TryGetProperty("details", out var details) && details.ValueKind == JsonValueKind.Array)
        {
            foreach (var detail in details.EnumerateArray())
            {
                switch (GeminiJson.Text(detail, "@type"))
                {
                    case RetryInfoType:
                        retryDelay = ParseDuration(GeminiJson.Text(detail, "retryDelay"));
                        break;
                    case ErrorInfoType:
                        reason = GeminiJson.Text(detail, "reason");
                        break;
                }
            }
        }

        return new UpstreamError(
            status,
            GeminiJson.Text(error, "status") ?? "upstream_error",
            reason,
            GeminiJson.Text(error, "message") ?? $"The upstream answered HTTP {status}.",
            null,
            retryAfterHeader ?? retryDelay)
        {
            CredentialRejected = reason == InvalidKeyReason || status is 401 or 403,
        };
    }
}
