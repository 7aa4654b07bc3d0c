using OmniaKey.Infrastructure.Hardening;
using OmniaKey.Infrastructure.Security;
using Scalar.AspNetCore;

namespace OmniaKey.Api;

/// <summary>
/// Running as a real service (docs/deployment.md, docs/adr/0037): the configuration checked before anything else, the
/// security headers and HSTS, and the OpenAPI document with its Scalar UI — open in Development, admin-only elsewhere.
/// </summary>
internal static class Hardening
{
    public const string OpenApiRoute = "/openapi/{documentName}.json";
    public const string ApiReferenceRoute = "/scalar";

    /// <summary>First in <c>AddOmniaKey</c>: a bad setting stops start-up, every one listed, before a service is built.</summary>
    public static IServiceCollection AddDeploymentHardening(this IServiceCollection services, IConfiguration configuration)
    {
        StartupConfiguration.ThrowIfInvalid(configuration);
        services.AddOpenApi();
        services.AddSingleton<ConsoleContentSecurityPolicy>();

        // TLS ends at the load balancer; the scheme it saw arrives as X-Forwarded-Proto from a trusted proxy, so HSTS
        // is sent on HTTPS requests only, as it must be. Preload is the operator's decision, not ours.
        services.AddHsts(options =>
        {
            options.MaxAge = TimeSpan.FromDays(365);
            options.IncludeSubDomains = false;
            options.Preload = false;
        });
        return services;
    }

    /// <summary>Right after the forwarded headers, so that the headers cover every response, errors and the dashboard included.</summary>
    public static IApplicationBuilder UseDeploymentHardening(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }

        app.UseMiddleware<SecurityHeaders>();
        return app;
    }

    /// <summary>
    /// <c>/openapi/v1.json</c> and the Scalar UI at <c>/scalar</c>. The document describes the admin API too, so outside
    /// Development both require the admin token (a GET, so it is not written to the admin audit trail).
    /// </summary>
    public static WebApplication MapApiReference(this WebApplication app)
    {
        var document = app.MapOpenApi(OpenApiRoute);
        var reference = app.MapScalarApiReference(ApiReferenceRoute, options => options
            .WithOpenApiRoutePattern(OpenApiRoute)
            .DisableDefaultFonts()
            .WithTitle("OmniaKey API"));
        if (!app.Environment.IsDevelopment())
        {
            document.RequireAuthorization(AuthSchemes.AdminPolicy);
            reference.RequireAuthorization(AuthSchemes.AdminPolicy);
        }

        return app;
    }
}
