using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using OmniaKey.Application.Abstractions;
using OmniaKey.Infrastructure.Audit;

namespace OmniaKey.Infrastructure.Security;

public static class SecurityRegistration
{
    public static IServiceCollection AddSecurity(this IServiceCollection services, string dataDirectory)
    {
        // Keys persist beside the database so that sessions and encrypted secrets survive a restart.
        services.AddDataProtection()
            .SetApplicationName("OmniaKey")
            .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(dataDirectory, "keys")));

        AdminTokenOptions.Register(services);
        services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, AdminTokenAuthenticationHandler>(AuthSchemes.Admin, null)
            .AddBearerToken(AuthSchemes.Customer, options =>
            {
                options.BearerTokenExpiration = TimeSpan.FromHours(12);
                options.Events.OnMessageReceived = CustomerSessionCheck.OnMessageReceivedAsync;
            });
        services.AddAuthorizationBuilder()
            .AddPolicy(AuthSchemes.AdminPolicy, policy => policy
                .AddAuthenticationSchemes(AuthSchemes.Admin)
                .RequireAuthenticatedUser()
                .RequireRole("admin"))
            .AddPolicy(AuthSchemes.CustomerPolicy, policy => policy
                .AddAuthenticationSchemes(AuthSchemes.Customer)
                .RequireAuthenticatedUser()
                .RequireClaim(AuthSchemes.AccountIdClaim));
        services.AddHttpContextAccessor();
        services.AddScoped<ICurrentUser, HttpCurrentUser>();
        services.AddSingleton<IAccessTokenIssuer, AccessTokenIssuer>();
        return services;
    }

    /// <summary>Requires the admin token on a route group, and records its state-changing requests in the audit trail.</summary>
    public static TBuilder RequireAdmin<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder => builder.RequireAuthorization(AuthSchemes.AdminPolicy).AuditAdminActions();

    /// <summary>Requires a customer session on a route group.</summary>
    public static TBuilder RequireCustomer<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder => builder.RequireAuthorization(AuthSchemes.CustomerPolicy);
}
