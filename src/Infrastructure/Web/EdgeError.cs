using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;

namespace OmniaKey.Infrastructure.Web;

/// <summary>
/// An error answered by middleware rather than an endpoint (a rate limit, a stopping instance): OpenAI's error shape
/// on <c>/v1</c>, a page in words on the web console (<see cref="IBrowserErrorPage"/>), problem details with <c>code</c> and
/// <c>request_id</c> everywhere else — the same shapes the
/// endpoints' errors have.
/// </summary>
public static class EdgeError
{
    public static async Task WriteAsync(HttpContext http, int status, string openAiType, string code, string message)
    {
        if (http.Request.Path.StartsWithSegments("/v1"))
        {
            await OpenAiError.WriteAsync(http, status, openAiType, code, message).ConfigureAwait(false);
            return;
        }

        if (http.RequestServices.GetService<IBrowserErrorPage>() is { } page && page.Serves(http))
        {
            await page.WriteAsync(http, status, code, message).ConfigureAwait(false);
            return;
        }

        http.Response.StatusCode = status;
        var details = new ProblemDetails
        {
            Status = status,
            Title = code,
            Detail = message,
            Type = $"https://omniakey.dev/errors/{code}",
        };
        details.Extensions["code"] = code;
        details.Extensions["request_id"] = http.TraceIdentifier;
        await http.RequestServices.GetRequiredService<IProblemDetailsService>()
            .WriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = details }).ConfigureAwait(false);
    }
}
