using Microsoft.AspNetCore.Routing.Patterns;

namespace OmniaKey.Infrastructure.Audit;

/// <summary>
/// Names an admin action and its target from the route it came through, so every admin route of every module is
/// named by one rule without each endpoint declaring it:
/// <list type="bullet">
/// <item>the action is the route's literal segments after <c>/admin/v1</c>, joined by dots
/// (<c>POST /admin/v1/accounts/{id}/suspend</c> → <c>accounts.suspend</c>); a route that ends with a parameter adds
/// its verb (<c>PATCH /channels/{id}</c> → <c>channels.update</c>, <c>DELETE</c> → <c>.delete</c>); a POST to a
/// collection adds <c>.create</c> (<c>POST /channels</c> → <c>channels.create</c>);</item>
/// <item>the target is the route's last parameter, typed by the literal segment before it, singular
/// (<c>/accounts/{accountId}/keys/{keyId}/revoke</c> → <c>key</c>, the key id); a route without parameters targets
/// its collection (the id then comes from the result).</item>
/// </list>
/// </summary>
internal static class AdminActionName
{
    private const string AdminPrefix = "admin/v1";

    public static (string Action, string? TargetType, string? TargetParameter) From(RoutePattern pattern, string method)
    {
        var segments = pattern.PathSegments
            .Select(s => s.IsSimple && s.Parts[0] is RoutePatternLiteralPart literal
                ? (Literal: literal.Content, Parameter: (string?)null)
                : (Literal: (string?)null, Parameter: s.Parts.OfType<RoutePatternParameterPart>().FirstOrDefault()?.Name))
            .ToList();
        var start = segments.Count >= 2 && $"{segments[0].Literal}/{segments[1].Literal}" == AdminPrefix ? 2 : 0;
        segments = segments[start..];

        var literals = segments.Where(s => s.Literal is not null).Select(s => s.Literal!).ToList();
        var action = string.Join('.', literals);
        var endsWithParameter = segments.Count > 0 && segments[^1].Parameter is not null;
        var suffix = (endsWithParameter, method.ToUpperInvariant()) switch
        {
            (true, "PATCH" or "PUT") => ".update",
            (true, "DELETE") => ".delete",
            (true, _) => "." + method.ToLowerInvariant(),
            (false, "POST") when segments.All(s => s.Literal is not null) => ".create",
            (false, "DELETE") => ".delete",
            _ => string.Empty,
        };

        var lastParameter = segments.FindLastIndex(s => s.Parameter is not null);
        if (lastParameter < 0)
        {
            return (action + suffix, literals.Count > 0 ? Singular(literals[^1]) : null, null);
        }

        var typeSegment = lastParameter > 0 ? segments[lastParameter - 1].Literal : null;
        return (action + suffix, typeSegment is null ? null : Singular(typeSegment), segments[lastParameter].Parameter);
    }

    private static string Singular(string collection) => collection switch
    {
        "terms" => "terms",
        _ when collection.EndsWith("ies", StringComparison.Ordinal) => collection[..^3] + "y",
        _ when collection.EndsWith('s') => collection[..^1],
        _ => collection,
    };
}
