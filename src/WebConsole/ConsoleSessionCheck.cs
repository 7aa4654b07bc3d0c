using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.DependencyInjection;
using OmniaKey.Application.Abstractions;
using OmniaKey.Infrastructure.Security;

namespace OmniaKey.WebConsole;

/// <summary>
/// Refuses a console cookie whose session has ended (log-out, log-out everywhere, password change or reset,
/// suspension, termination): the same check, from memory in the common case, as the API's bearer tokens.
/// </summary>
internal static class ConsoleSessionCheck
{
    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        if (!SessionClaims.TryRead(context.Principal, out var accountId, out var generation, out var tokenId))
        {
            await Reject(context);
            return;
        }

        var sessions = context.HttpContext.RequestServices.GetRequiredService<ICustomerSessions>();
        if (!await sessions.IsCurrentAsync(accountId, generation, tokenId, context.HttpContext.RequestAborted))
        {
            await Reject(context);
        }
    }

    private static Task Reject(CookieValidatePrincipalContext context)
    {
        context.RejectPrincipal();
        return context.HttpContext.SignOutAsync(ConsoleAuth.Scheme);
    }
}
