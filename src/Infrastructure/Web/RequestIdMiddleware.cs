using Microsoft.AspNetCore.Http;

namespace OmniaKey.Infrastructure.Web;

/// <summary>
/// Gives every request an id, returned as <c>x-request-id</c> on every response (errors included) and used as
/// the request's trace identifier, reservation id and usage-record id.
/// </summary>
public sealed class RequestIdMiddleware(RequestDelegate next)
{
    public const string HeaderName = "x-request-id";

    public Task InvokeAsync(HttpContext context)
    {
        var requestId = $"req_{Guid.CreateVersion7():N}";
        context.TraceIdentifier = requestId;
        context.Response.Headers[HeaderName] = requestId;
        return next(context);
    }
}
