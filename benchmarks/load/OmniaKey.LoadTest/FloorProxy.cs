using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace OmniaKey.LoadTest;

/// <summary>
/// The floor: the least an ASP.NET Core gateway can do. <c>POST /v1/chat/completions</c> is forwarded to the upstream
/// with <see cref="HttpClient"/> (the upstream's key instead of the caller's) and the status, content type and body
/// are copied back as they arrive, so a stream is relayed chunk by chunk. No key check, no parsing, no billing, no
/// logging. Whatever OmniaKey costs above this is OmniaKey's own.
/// </summary>
internal static class FloorProxy
{
    /// <summary>The <c>serve-floor</c> verb: runs until the process is stopped.</summary>
    public static async Task<int> ServeAsync(int port, string upstreamBaseUrl)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel().UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        using var http = new HttpClient(new SocketsHttpHandler
        {
            UseProxy = false,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            AutomaticDecompression = DecompressionMethods.None,
        })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
        var target = new Uri(upstreamBaseUrl.TrimEnd('/') + "/chat/completions");
        var upstreamAuthorization = new AuthenticationHeaderValue("Bearer", FakeUpstream.ApiKey);
        app.MapPost("/v1/chat/completions", context => ForwardAsync(context, http, target, upstreamAuthorization));
        await app.StartAsync();
        Console.WriteLine($"floor listening on {app.Urls.Single()}");
        await app.WaitForShutdownAsync();
        return 0;
    }

    private static async Task ForwardAsync(HttpContext context, HttpClient http, Uri target, AuthenticationHeaderValue authorization)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, target) { Content = new StreamContent(context.Request.Body) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(context.Request.ContentType ?? "application/json");
        request.Headers.Authorization = authorization;
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, context.RequestAborted);
        context.Response.StatusCode = (int)response.StatusCode;
        context.Response.ContentType = response.Content.Headers.ContentType?.ToString();
        await using var body = await response.Content.ReadAsStreamAsync(context.RequestAborted);

        // Kestrel's response stream flushes on every write, so each read from the upstream goes out at once.
        await body.CopyToAsync(context.Response.Body, context.RequestAborted);
    }
}
