using System.Globalization;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Localization;
using OmniaKey.Infrastructure.Web;
using OmniaKey.WebConsole.Text;

namespace OmniaKey.WebConsole;

/// <summary>
/// An error on a console path that no page handled — a rate limit on the log-in page, a stopping instance, a "not
/// found" from a query, a bug — as a small page in the reader's language: the error in words, the API's code, the
/// request id for support, and a way back. Written directly (not through Razor), so it works whatever failed.
/// </summary>
internal sealed class ConsoleErrorPage(IStringLocalizer<ConsoleText> text, HtmlEncoder html) : IBrowserErrorPage
{
    public bool Serves(HttpContext http) =>
        ConsolePaths.Contains(http.Request.Path) && !http.Request.Path.StartsWithSegments("/console/assets");

    public async Task WriteAsync(HttpContext http, int status, string code, string message)
    {
        // The error may be written outside the request-localization middleware's scope (by the exception handler,
        // which runs around it), so the culture it chose is read back from the request.
        var culture = http.Features.Get<IRequestCultureFeature>()?.RequestCulture;
        var previous = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        if (culture is not null)
        {
            CultureInfo.CurrentCulture = culture.Culture;
            CultureInfo.CurrentUICulture = culture.UICulture;
        }

        try
        {
            var words = text["Error." + code];
            var body = $"""
                <!DOCTYPE html>
                <html lang="{html.Encode(CultureInfo.CurrentUICulture.Name)}">
                <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
                <title>{html.Encode(text["Layout.ErrorTitle"])} · {html.Encode(text["Brand"])}</title>
                <link rel="stylesheet" href="{html.Encode(ConsoleAssets.Url("site.css"))}"></head>
                <body><main id="main">
                <h1>{html.Encode(text["Layout.ErrorTitle"])}</h1>
                <div class="errors" role="alert" data-error-code="{html.Encode(code)}">
                <p>{html.Encode(words.ResourceNotFound ? message : words.Value)}</p>
                <p class="code">({html.Encode(code)} · {html.Encode(http.TraceIdentifier)})</p>
                </div>
                <p><a href="/dashboard">{html.Encode(text["Nav.Dashboard"])}</a> · <a href="/pricing">{html.Encode(text["Nav.Pricing"])}</a></p>
                </main></body></html>
                """;
            http.Response.StatusCode = status;
            http.Response.ContentType = "text/html; charset=utf-8";
            http.Response.Headers.CacheControl = "no-store";
            await http.Response.WriteAsync(body, http.RequestAborted);
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = previous;
        }
    }
}
