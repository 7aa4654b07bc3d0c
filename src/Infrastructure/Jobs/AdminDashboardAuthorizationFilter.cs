using Hangfire.Dashboard;
using Microsoft.AspNetCore.Authentication;
using OmniaKey.Infrastructure.Security;

namespace OmniaKey.Infrastructure.Jobs;

/// <summary>The Hangfire dashboard is for operators only: it requires the admin token.</summary>
internal sealed class AdminDashboardAuthorizationFilter : IDashboardAsyncAuthorizationFilter
{
    public async Task<bool> AuthorizeAsync(DashboardContext context)
    {
        var result = await context.GetHttpContext().AuthenticateAsync(AuthSchemes.Admin).ConfigureAwait(false);
        return result.Succeeded && result.Principal.IsInRole("admin");
    }
}
