using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using OmniaKey.Infrastructure.Web;

namespace OmniaKey.Infrastructure.Shutdown;

/// <summary>
/// Counts every request in and out for the drain, and once the instance refuses new work answers 503 with
/// <c>Retry-After</c> (OpenAI's error shape on <c>/v1</c>, problem details elsewhere) — also to a request that comes on
/// a connection kept alive from before, which the server itself would still take. <c>/health/*</c> always answers.
/// </summary>
internal sealed class RefuseWhileStoppingMiddleware(RequestDelegate next, ShutdownDrain drain)
{
    public const string Code = "shutting_down";
    private const string Message = "This instance is shutting down. Send the request again; another instance will answer it.";

    public async Task InvokeAsync(HttpContext http)
    {
        if (http.Request.Path.StartsWithSegments("/health"))
        {
            await next(http);
            return;
        }

        if (!drain.TryEnter())
        {
            await RefuseAsync(http, ShutdownDrain.RetryAfter);
            return;
        }

        try
        {
            await next(http);
        }
        finally
        {
            drain.Exit();
        }
    }

    private static async Task RefuseAsync(HttpContext http, TimeSpan retryAfter)
    {
        http.Response.Headers.RetryAfter = ((long)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (HttpProtocol.IsHttp11(http.Request.Protocol))
        {
            // The client's next request should open a connection, which the load balancer sends to another instance.
            http.Response.Headers.Connection = "close";
        }

        if (http.Request.Path.StartsWithSegments("/v1"))
        {
            await OpenAiError.WriteAsync(http, StatusCodes.Status503ServiceUnavailable, "server_error", Code, Message);
            return;
        }

        http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        var details = new ProblemDetails
        {
            Status = StatusCodes.Status503ServiceUnavailable,
            Title = Code,
            Detail = Message,
            Type = $"https://omniakey.dev/errors/{Code}",
        };
        details.Extensions["code"] = Code;
        details.Extensions["request_id"] = http.TraceIdentifier;
        await http.RequestServices.GetRequiredService<IProblemDetailsService>()
            .WriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = details });
    }
}
