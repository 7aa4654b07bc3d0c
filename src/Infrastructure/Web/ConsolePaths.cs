using Microsoft.AspNetCore.Http;

namespace OmniaKey.Infrastructure.Web;

/// <summary>
/// The paths the web console owns (its pages, the Terms, its assets and language switch, and <c>/</c>): one list for
/// the console's own middleware (languages, error pages) and for the security headers it gets (its CSP).
/// </summary>
public static class ConsolePaths
{
    public static bool Contains(PathString path) =>
        path.StartsWithSegments("/dashboard") || path.StartsWithSegments("/pricing") || path.StartsWithSegments("/terms")
        || path.StartsWithSegments("/console") || path == "/";
}
