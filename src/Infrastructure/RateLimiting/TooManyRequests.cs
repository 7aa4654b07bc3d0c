using Microsoft.AspNetCore.Http;
using OmniaKey.Application.Exceptions;
using OmniaKey.Infrastructure.Web;

namespace OmniaKey.Infrastructure.RateLimiting;

/// <summary>
/// Writes a 429 with <c>Retry-After</c> (whole seconds, rounded up, at least 1): OpenAI's shape on <c>/v1</c> (type
/// <c>requests</c>, as OpenAI's own request-rate limits say, and <c>x-omniakey-error-source: gateway</c>), problem
/// details with <c>code</c> everywhere else, like every other error of that surface.
/// </summary>
public static class TooManyRequests
{
    public const string OpenAiType = "requests";

    public static string RetryAfterSeconds(TimeSpan retryAfter) =>
        Math.Max(1, (long)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static string Message(TimeSpan retryAfter) =>
        $"Too many requests. Try again in {RetryAfterSeconds(retryAfter)} seconds.";

    public static async Task WriteAsync(HttpContext http, string code, string message, TimeSpan retryAfter)
    {
        http.Response.Headers.RetryAfter = RetryAfterSeconds(retryAfter);
        await EdgeError.WriteAsync(http, StatusCodes.Status429TooManyRequests, OpenAiType, code, message).ConfigureAwait(false);
    }

    public static Task WriteRateLimitedAsync(HttpContext http, TimeSpan retryAfter) =>
        WriteAsync(http, TooManyRequestsException.RateLimitExceeded, Message(retryAfter), retryAfter);
}
