using Microsoft.AspNetCore.Http;
using OmniaKey.Infrastructure.Web;

namespace OmniaKey.Infrastructure.Shutdown;

/// <summary>
/// The answer of a stopping instance: 503 <c>shutting_down</c> with <c>Retry-After</c> (and <c>Connection: close</c>
/// on HTTP/1.1, so the retry opens a connection the load balancer sends elsewhere); OpenAI's error shape on
/// <c>/v1</c>, problem details elsewhere. Used for refused new requests and for a non-streamed call still waiting
/// for its upstream when the drain window ends.
/// </summary>
public static class ShuttingDownAnswer
{
    public const string Code = "shutting_down";
    private const string Message = "This instance is shutting down. Send the request again; another instance will answer it.";

    public static async Task WriteAsync(HttpContext http)
    {
        http.Response.Headers.RetryAfter = ((long)Math.Ceiling(ShutdownDrain.RetryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (HttpProtocol.IsHttp11(http.Request.Protocol))
        {
            // The client's next request should open a connection, which the load balancer sends to another instance.
            http.Response.Headers.Connection = "close";
        }

        await EdgeError.WriteAsync(http, StatusCodes.Status503ServiceUnavailable, "server_error", Code, Message);
    }
}
