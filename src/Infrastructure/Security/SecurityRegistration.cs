using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OmniaKey.Application.Abstractions;
using OmniaKey.Infrastructure.Audit;
using OmniaKey.Infrastructure.Security.KeyRing;

namespace OmniaKey.Infrastructure.Security;

public static class SecurityRegistration
{
    public static IServiceCollection AddSecurity(this IServiceCollection services, IConfiguration configuration, string dataDirectory)
    {
        // The keys that sign sessions and encrypt secrets: shared by every instance, protected at rest (docs/key-ring.md).
        services.AddKeyRing(configuration, dataDirectory);

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
