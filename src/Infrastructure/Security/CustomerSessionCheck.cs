using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.Extensions.DependencyInjection;
using OmniaKey.Application.Abstractions;

namespace OmniaKey.Infrastructure.Security;

/// <summary>
/// Refuses (401) a customer token whose session has ended — the account's session generation moved on (password
/// change or reset, log-out everywhere, suspension, termination) or the token was logged out — although its
/// signature and expiry are fine. The answer comes from <see cref="ICustomerSessions"/>, from memory in the common
/// case (docs/adr/0029-account-sessions-and-self-service.md). A token that cannot be read is left to the bearer
/// handler, which fails it as before.
/// </summary>
internal static class CustomerSessionCheck
{
    public static async Task OnMessageReceivedAsync(MessageReceivedContext context)
    {
        var presented = BearerToken.From(context.Request);
        if (presented is null || context.Options.BearerTokenProtector.Unprotect(presented) is not { } ticket)
        {
            return;
        }

        if (!SessionClaims.TryRead(ticket.Principal, out var accountId, out var generation, out var tokenId))
        {
            context.Fail("The access token predates session tracking; log in again.");
            return;
        }

        var sessions = context.HttpContext.RequestServices.GetRequiredService<ICustomerSessions>();
        if (!await sessions.IsCurrentAsync(accountId, generation, tokenId, context.HttpContext.RequestAborted))
        {
            context.Fail("The session has ended; log in again.");
        }
    }
}
