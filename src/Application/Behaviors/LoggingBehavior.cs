using System.Diagnostics;
using MediatR;
using Microsoft.Extensions.Logging;

namespace OmniaKey.Application.Behaviors;

/// <summary>
/// Outermost behaviour: logs the request's type and duration, never its content (requests may carry
/// passwords or key material).
/// </summary>
internal sealed class LoggingBehavior<TRequest, TResponse>(ILogger<LoggingBehavior<TRequest, TResponse>> logger)
    : IPipelineBehavior<TRequest, TResponse>
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        var name = typeof(TRequest).Name;
        var started = Stopwatch.GetTimestamp();
        try
        {
            var response = await next().ConfigureAwait(false);
            logger.LogDebug("{Request} handled in {ElapsedMs:F1} ms", name, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            return response;
        }
        catch (Exception exception) when (exception is not Exceptions.AppException and not Domain.Primitives.BusinessRuleViolationException)
        {
            logger.LogError(exception, "{Request} failed after {ElapsedMs:F1} ms", name, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            throw;
        }
    }
}
