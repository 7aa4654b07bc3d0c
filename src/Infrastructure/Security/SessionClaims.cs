using System.Globalization;
using System.Security.Claims;

namespace OmniaKey.Infrastructure.Security;

/// <summary>
/// The three claims that name a customer session (account, session generation, token id), read the same way for an
/// API bearer token and a console cookie, so both are checked against <c>ICustomerSessions</c> alike.
/// </summary>
public static class SessionClaims
{
    public static bool TryRead(ClaimsPrincipal? principal, out Guid accountId, out int sessionGeneration, out Guid tokenId)
    {
        sessionGeneration = 0;
        tokenId = Guid.Empty;
        accountId = Guid.Empty;
        return principal is not null
            && Guid.TryParse(principal.FindFirstValue(AuthSchemes.AccountIdClaim), out accountId)
            && int.TryParse(principal.FindFirstValue(AuthSchemes.SessionGenerationClaim), NumberStyles.None, CultureInfo.InvariantCulture, out sessionGeneration)
            && Guid.TryParse(principal.FindFirstValue(AuthSchemes.TokenIdClaim), out tokenId);
    }
}
