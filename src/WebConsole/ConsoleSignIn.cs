using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OmniaKey.Infrastructure.Security;

namespace OmniaKey.WebConsole;

/// <summary>
/// Turns a log-in's access token into the console cookie. The token is read with the API scheme's own protector,
/// so the cookie carries exactly the session the API would have issued (same token id, generation and expiry):
/// one session model, one revocation path.
/// </summary>
public static class ConsoleSignIn
{
    public static async Task SignInAsync(HttpContext http, string accessToken)
    {
        var options = http.RequestServices.GetRequiredService<IOptionsMonitor<BearerTokenOptions>>().Get(AuthSchemes.Customer);
        var ticket = options.BearerTokenProtector.Unprotect(accessToken)
            ?? throw new InvalidOperationException("A token just issued by the log-in could not be read.");
        var identity = new ClaimsIdentity(ticket.Principal.Claims, ConsoleAuth.Scheme);
        var properties = new AuthenticationProperties
        {
            IssuedUtc = ticket.Properties.IssuedUtc,
            ExpiresUtc = ticket.Properties.ExpiresUtc,
            AllowRefresh = false,
        };
        await http.SignInAsync(ConsoleAuth.Scheme, new ClaimsPrincipal(identity), properties);
    }

    public static Task SignOutAsync(HttpContext http) => http.SignOutAsync(ConsoleAuth.Scheme);

    /// <summary>The signed-in session's token id and expiry, for <c>LogOutCommand</c>.</summary>
    public static async Task<(Guid TokenId, DateTimeOffset ExpiresAt)?> CurrentSessionAsync(HttpContext http)
    {
        var result = await http.AuthenticateAsync(ConsoleAuth.Scheme);
        if (!result.Succeeded || !Guid.TryParse(result.Principal.FindFirstValue(AuthSchemes.TokenIdClaim), out var tokenId))
        {
            return null;
        }

        return (tokenId, result.Properties.ExpiresUtc ?? DateTimeOffset.UtcNow.AddHours(12));
    }
}
