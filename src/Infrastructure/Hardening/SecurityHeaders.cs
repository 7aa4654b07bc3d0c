using Microsoft.AspNetCore.Http;
using OmniaKey.Infrastructure.Web;

namespace OmniaKey.Infrastructure.Hardening;

/// <summary>
/// Security headers on every surface a browser may load (docs/adr/0037): the customer API (<c>/api</c>), the admin API
/// and the Hangfire dashboard (<c>/admin</c>), the API reference (<c>/scalar</c>, <c>/openapi</c>) and everything else.
/// JSON answers get a CSP that allows nothing at all, so a response opened in a browser cannot run anything; the HTML
/// pages we serve get the least each needs (the web console's policy: <see cref="ConsoleContentSecurityPolicy"/>). <c>/v1</c> (the OpenAI-compatible hot path, read by SDKs, not
/// browsers) gets only <c>X-Content-Type-Options</c>: one constant header, set before the call runs, no callback.
/// </summary>
public sealed class SecurityHeaders(RequestDelegate next, ConsoleContentSecurityPolicy console)
{
    /// <summary>JSON APIs: nothing may load, nothing may frame it.</summary>
    public const string ApiPolicy = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    /// <summary>
    /// The Hangfire dashboard loads its own scripts and styles from <c>/admin/jobs/…</c> and posts its forms back; its
    /// pages carry inline <c>style</c> attributes but no inline script, so scripts stay <c>'self'</c> only.
    /// </summary>
    public const string DashboardPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
        + "frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    /// <summary>
    /// The Scalar API reference: its bundle is served by the app, its configuration is an inline script and it styles
    /// inline; it fetches only the OpenAPI document (same origin). Fonts from Scalar's CDN are switched off.
    /// </summary>
    public const string ApiReferencePolicy =
        "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
        + "font-src 'self' data:; worker-src 'self' blob:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    public Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path;
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        if (path.StartsWithSegments("/v1"))
        {
            return next(context);
        }

        ApplyBrowserHeaders(headers, path);

        // The exception handler clears the headers of a response it rewrites; the values are put back before the
        // error is written, so a 500 is as protected as a 200. (/v1 errors are written directly, not rethrown.)
        context.Response.OnStarting(RestoreAfterClear, context);
        return next(context);
    }

    private string PolicyFor(PathString path) =>
        ConsolePaths.Contains(path) ? console.Value
        : path.StartsWithSegments("/admin/jobs") ? DashboardPolicy
        : path.StartsWithSegments("/scalar") ? ApiReferencePolicy
        : ApiPolicy;

    private Task RestoreAfterClear(object state)
    {
        var context = (HttpContext)state;
        var headers = context.Response.Headers;
        if (!headers.ContainsKey(Microsoft.Net.Http.Headers.HeaderNames.ContentSecurityPolicy))
        {
            headers.XContentTypeOptions = "nosniff";
            ApplyBrowserHeaders(headers, context.Request.Path);
        }

        return Task.CompletedTask;
    }

    /// <summary>What every surface but <c>/v1</c> gets on top of <c>nosniff</c>.</summary>
    private void ApplyBrowserHeaders(IHeaderDictionary headers, PathString path)
    {
        headers["Referrer-Policy"] = "no-referrer";
        headers.XFrameOptions = "DENY";
        headers.ContentSecurityPolicy = PolicyFor(path);
    }
}
