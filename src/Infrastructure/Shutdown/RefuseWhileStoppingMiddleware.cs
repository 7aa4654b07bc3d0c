using Microsoft.AspNetCore.Http;

namespace OmniaKey.Infrastructure.Shutdown;

/// <summary>
/// Counts every request in and out for the drain, and once the instance refuses new work answers 503 with
/// <c>Retry-After</c> (OpenAI's error shape on <c>/v1</c>, problem details elsewhere) — also to a request that comes on
/// a connection kept alive from before, which the server itself would still take. <c>/health/*</c> always answers.
/// </summary>
internal sealed class RefuseWhileStoppingMiddleware(RequestDelegate next, ShutdownDrain drain)
{
    public async Task InvokeAsync(HttpContext http)
    {
        if (http.Request.Path.StartsWithSegments("/health"))
        {
            await next(http);
            return;
        }

        if (!drain.TryEnter())
        {
            await ShuttingDownAnswer.WriteAsync(http);
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
}
