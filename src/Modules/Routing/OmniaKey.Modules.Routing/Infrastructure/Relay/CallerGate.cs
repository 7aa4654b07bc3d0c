using Microsoft.AspNetCore.Http;
using OmniaKey.Infrastructure.RateLimiting;
using OmniaKey.Infrastructure.Security;
using OmniaKey.Infrastructure.Web;
using OmniaKey.Modules.Accounts.Contracts;
using OmniaKey.Modules.Compliance.Contracts;
using OmniaKey.Modules.Keys.Contracts;
using OmniaKey.Modules.Policies.Contracts;

namespace OmniaKey.Modules.Routing.Infrastructure.Relay;

/// <summary>
/// Who is calling <c>/v1</c> and may they: the checks every <c>/v1</c> route shares (chat completions and the model
/// list), all from memory, cheapest first. One singleton with its collaborators injected, so a call pays no
/// service look-up per check.
/// </summary>
/// <param name="terms">Continued use of the Terms (§11); absent in hosts without the Policies module.</param>
internal sealed class CallerGate(
    IApiKeyAuthenticator keys,
    IAccountDirectory accounts,
    ApiKeyFailureThrottle failures,
    ITerritoryGate territory,
    ITermsUsageObserver? terms = null)
{
    /// <summary>
    /// The caller's key identity if the key is valid, its account active and the call not from the Restricted
    /// Territory; otherwise the refusal is written.
    /// </summary>
    public async Task<ApiKeyIdentity?> AuthenticateAsync(HttpContext http)
    {
        var presented = BearerToken.From(http.Request);

        // Too many unknown or revoked keys from this IP in the last minute: 429 before any look-up (docs/abuse-limits.md).
        if (failures.Blocked(http.Connection.RemoteIpAddress) is { } wait)
        {
            await TooManyRequests.WriteRateLimitedAsync(http, wait);
            return null;
        }

        var caller = presented is null ? null : await keys.AuthenticateAsync(presented, http.RequestAborted);
        if (caller is null)
        {
            if (presented is not null)
            {
                failures.RecordFailure(http.Connection.RemoteIpAddress);
            }

            var message = presented is null
                ? "You didn't provide an API key. Provide it in the Authorization header as 'Bearer <key>'."
                : "Incorrect API key provided, or the key has been revoked or has expired.";
            await OpenAiError.WriteAsync(http, StatusCodes.Status401Unauthorized, "invalid_request_error", "invalid_api_key", message);
            return null;
        }

        var status = await accounts.GetStatusAsync(caller.AccountId, http.RequestAborted);
        if (status is not { IsActive: true })
        {
            await OpenAiError.WriteAsync(http, StatusCodes.Status403Forbidden, "permission_error", "account_suspended", "This account is not active.");
            return null;
        }

        // Restricted Territory (Terms §2): the client IP's country, from memory; the audit is written in the background.
        if (territory.CheckApiCall(http.Connection.RemoteIpAddress, caller.AccountId) is { } denied)
        {
            await OpenAiError.WriteAsync(http, StatusCodes.Status403Forbidden, "permission_error", denied.Code, denied.Message);
            return null;
        }

        if (!caller.Limits.AllowsClient(http.Connection.RemoteIpAddress))
        {
            await KeyLimitGate.RefuseClientAsync(http);
            return null;
        }

        // Terms §11, continued use is acceptance: memory only here, at most one background write per account and version.
        terms?.Observe(caller.AccountId, http.Connection.RemoteIpAddress);
        return caller;
    }
}
