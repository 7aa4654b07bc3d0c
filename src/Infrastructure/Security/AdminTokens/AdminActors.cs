using System.Security.Claims;
using Microsoft.AspNetCore.Http;

namespace OmniaKey.Infrastructure.Security.AdminTokens;

/// <summary>
/// The admin principal's stable name, as the audit trail records it: <c>bootstrap</c> for the configuration's token,
/// the token's name for a named admin token.
/// </summary>
public static class AdminActors
{
    public const string Bootstrap = "bootstrap";

    public static string Of(ClaimsPrincipal? user) =>
        string.IsNullOrWhiteSpace(user?.Identity?.Name) ? Bootstrap : user.Identity.Name;

    public static string Current(IHttpContextAccessor accessor) => Of(accessor.HttpContext?.User);
}
