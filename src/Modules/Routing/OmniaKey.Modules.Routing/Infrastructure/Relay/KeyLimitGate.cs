using System.Globalization;
using Microsoft.AspNetCore.Http;
using OmniaKey.Infrastructure.Web;
using OmniaKey.Modules.Keys.Contracts;

namespace OmniaKey.Modules.Routing.Infrastructure.Relay;

/// <summary>
/// The answers of the per-key limits on <c>/v1</c> (docs/adr/0028-per-key-limits.md), in OpenAI's error shape and
/// with OpenAI's rate-limit headers, so SDKs treat them as OpenAI's own: 403 <c>ip_not_allowed</c> and
/// <c>model_not_allowed</c> (<c>permission_error</c>), 429 <c>rate_limit_exceeded</c> (type <c>requests</c> or
/// <c>tokens</c>) with <c>Retry-After</c> in whole seconds.
/// </summary>
internal static class KeyLimitGate
{
    public static Task RefuseClientAsync(HttpContext http) =>
        OpenAiError.WriteAsync(http, StatusCodes.Status403Forbidden, "permission_error", "ip_not_allowed", "This API key may not be used from your IP address.");

    public static Task RefuseModelAsync(HttpContext http, string model) =>
        OpenAiError.WriteAsync(http, StatusCodes.Status403Forbidden, "permission_error", "model_not_allowed", $"This API key may not use the model `{model}`.", "model");

    public static Task RefuseRateAsync(HttpContext http, KeyRateRefusal refusal, KeyRateState state)
    {
        WriteHeaders(http.Response, state);
        http.Response.Headers.RetryAfter = refusal.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        return OpenAiError.WriteAsync(http, StatusCodes.Status429TooManyRequests, refusal.Type, "rate_limit_exceeded", refusal.Message);
    }

    /// <summary>OpenAI's <c>x-ratelimit-*</c> headers, for the limits the key has.</summary>
    public static void WriteHeaders(HttpResponse response, KeyRateState state)
    {
        if (state.RequestLimit is { } requests)
        {
            response.Headers["x-ratelimit-limit-requests"] = requests.ToString(CultureInfo.InvariantCulture);
            response.Headers["x-ratelimit-remaining-requests"] = state.RemainingRequests.ToString(CultureInfo.InvariantCulture);
            response.Headers["x-ratelimit-reset-requests"] = Duration(state.ResetRequests);
        }

        if (state.TokenLimit is { } tokens)
        {
            response.Headers["x-ratelimit-limit-tokens"] = tokens.ToString(CultureInfo.InvariantCulture);
            response.Headers["x-ratelimit-remaining-tokens"] = state.RemainingTokens.ToString(CultureInfo.InvariantCulture);
            response.Headers["x-ratelimit-reset-tokens"] = Duration(state.ResetTokens);
        }
    }

    /// <summary>As OpenAI writes it: <c>0s</c>, <c>17s</c>, <c>1m1s</c>.</summary>
    private static string Duration(TimeSpan span)
    {
        var seconds = (long)Math.Ceiling(span.TotalSeconds);
        return seconds < 60
            ? string.Create(CultureInfo.InvariantCulture, $"{seconds}s")
            : string.Create(CultureInfo.InvariantCulture, $"{seconds / 60}m{seconds % 60}s");
    }
}
