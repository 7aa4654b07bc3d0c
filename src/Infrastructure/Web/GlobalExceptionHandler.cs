using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OmniaKey.Application.Exceptions;
using OmniaKey.Infrastructure.RateLimiting;

namespace OmniaKey.Infrastructure.Web;

/// <summary>
/// Turns unhandled exceptions into answers: OpenAI's error shape on <c>/v1</c>, a page in words on the web console,
/// RFC 7807 problem details elsewhere.
/// </summary>
internal sealed class GlobalExceptionHandler(IProblemDetailsService problemDetails, ILogger<GlobalExceptionHandler> logger)
    : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        try
        {
            return await AnswerAsync(httpContext, exception).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException && httpContext.RequestAborted.IsCancellationRequested)
        {
            // The client went away while the error was being written (one that cut its request body short, say, when
            // the server had not yet seen the connection close): there is no one to answer, and nothing to log as an
            // error. Handled, so the exception handler does not log the original exception either.
            return true;
        }
    }

    private async ValueTask<bool> AnswerAsync(HttpContext httpContext, Exception exception)
    {
        var error = ErrorMapping.Map(exception);
        if (error.Status >= 500)
        {
            logger.LogError(exception, "Unhandled error on {Path}", httpContext.Request.Path);
        }

        if (exception is TooManyRequestsException limited)
        {
            await TooManyRequests.WriteAsync(httpContext, limited.Code, limited.Message, limited.RetryAfter).ConfigureAwait(false);
            return true;
        }

        if (httpContext.Request.Path.StartsWithSegments("/v1"))
        {
            await OpenAiError.WriteAsync(
                httpContext,
                error.Status,
                OpenAiErrorType(error.Status),
                error.Code,
                error.Message,
                error.Errors is [var first, ..] ? first.Field : null).ConfigureAwait(false);
            return true;
        }

        if (httpContext.RequestServices.GetService<IBrowserErrorPage>() is { } page && page.Serves(httpContext))
        {
            await page.WriteAsync(httpContext, error.Status, error.Code, error.Message).ConfigureAwait(false);
            return true;
        }

        httpContext.Response.StatusCode = error.Status;
        var details = new ProblemDetails
        {
            Status = error.Status,
            Title = error.Code,
            Detail = error.Message,
            Type = $"https://omniakey.dev/errors/{error.Code}",
        };
        details.Extensions["code"] = error.Code;
        details.Extensions["request_id"] = httpContext.TraceIdentifier;
        if (error.Errors is { Count: > 0 })
        {
            details.Extensions["errors"] = error.Errors
                .GroupBy(e => e.Field)
                .ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray());
        }

        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = details,
            Exception = exception,
        }).ConfigureAwait(false);
    }

    private static string OpenAiErrorType(int status) => status switch
    {
        StatusCodes.Status401Unauthorized => "invalid_request_error",
        StatusCodes.Status402PaymentRequired => "insufficient_quota",
        StatusCodes.Status403Forbidden => "permission_error",
        StatusCodes.Status429TooManyRequests => "rate_limit_error",
        >= 500 => "server_error",
        _ => "invalid_request_error",
    };
}
