using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.Extensions.Options;
using OmniaKey.Application.Abstractions;

namespace OmniaKey.Infrastructure.Security;

/// <summary>
/// Issues customer session tokens: ASP.NET Core bearer tokens, i.e. tickets encrypted with Data Protection, so a
/// token cannot be forged or read and needs no database look-up to verify.
/// </summary>
internal sealed class AccessTokenIssuer(IOptionsMonitor<BearerTokenOptions> options, TimeProvider clock) : IAccessTokenIssuer
{
    public AccessToken Issue(Guid accountId, int sessionGeneration)
    {
        var settings = options.Get(AuthSchemes.Customer);
        var expiresAt = clock.GetUtcNow() + settings.BearerTokenExpiration;
        var identity = new ClaimsIdentity(
            [
                new Claim(AuthSchemes.AccountIdClaim, accountId.ToString()),
                new Claim(AuthSchemes.SessionGenerationClaim, sessionGeneration.ToString(CultureInfo.InvariantCulture)),
                new Claim(AuthSchemes.TokenIdClaim, Guid.CreateVersion7(clock.GetUtcNow()).ToString()),
                new Claim(ClaimTypes.Role, "customer"),
            ],
            AuthSchemes.Customer);
        var properties = new AuthenticationProperties { IssuedUtc = clock.GetUtcNow(), ExpiresUtc = expiresAt };
        var ticket = new AuthenticationTicket(new ClaimsPrincipal(identity), properties, AuthSchemes.Customer);
        return new AccessToken(settings.BearerTokenProtector.Protect(ticket), expiresAt);
    }
}
