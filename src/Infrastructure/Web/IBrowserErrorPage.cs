using Microsoft.AspNetCore.Http;

namespace OmniaKey.Infrastructure.Web;

/// <summary>
/// Errors on pages a person reads in a browser (the web console) as a page in words, not as JSON: an error the edge
/// answers (a rate limit, a stopping instance) or an exception no page handled. Registered by the console; the JSON
/// APIs and <c>/v1</c> never use it.
/// </summary>
public interface IBrowserErrorPage
{
    bool Serves(HttpContext http);

    Task WriteAsync(HttpContext http, int status, string code, string message);
}
