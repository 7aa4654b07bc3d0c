using System.Reflection;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.ApplicationParts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.WebEncoders;
using OmniaKey.Infrastructure.Security;
using OmniaKey.Infrastructure.Web;

namespace OmniaKey.WebConsole;

/// <summary>
/// The web console (docs/console.md, docs/adr/0040): Razor Pages rendered on the server, each module serving its own
/// pages on this shell. Every page requires the console sign-in unless it says <c>[AllowAnonymous]</c>.
/// </summary>
public static class WebConsoleRegistration
{
    public static IServiceCollection AddWebConsole(this IServiceCollection services)
    {
        services.AddLocalization();
        services.AddSingleton<IBrowserErrorPage, ConsoleErrorPage>();
        services.AddRazorPages(options => options.Conventions.AuthorizeFolder("/", ConsoleAuth.Policy));
        services.Configure<RouteOptions>(options => options.LowercaseUrls = true);
        // Chinese text as characters, not as &#x...; entities: a third of the bytes, and readable in the source.
        services.Configure<WebEncoderOptions>(options => options.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));

        services.AddAuthentication().AddCookie(ConsoleAuth.Scheme, options =>
        {
            options.Cookie.Name = ConsoleAuth.CookieName;
            options.Cookie.HttpOnly = true;
            options.Cookie.SecurePolicy = CookieSecurePolicy.Always;
            // Lax, not Strict: Stripe Checkout and the links in our e-mails return the customer with a top-level GET
            // from another site, and the customer must still be signed in then. Forms are covered by anti-forgery.
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.LoginPath = ConsoleAuth.LogInPath;
            options.AccessDeniedPath = ConsoleAuth.LogInPath;
            options.ReturnUrlParameter = ConsoleAuth.ReturnUrlParameter;
            // The session's lifetime is the access token's; it is never extended, as an API token is not.
            options.SlidingExpiration = false;
            options.Events.OnValidatePrincipal = ConsoleSessionCheck.ValidateAsync;
        });
        services.AddAuthorizationBuilder().AddPolicy(ConsoleAuth.Policy, policy => policy
            .AddAuthenticationSchemes(ConsoleAuth.Scheme)
            .RequireAuthenticatedUser()
            .RequireClaim(AuthSchemes.AccountIdClaim));

        services.AddAntiforgery(options =>
        {
            options.Cookie.Name = ConsoleAuth.AntiforgeryCookieName;
            // Secure on every HTTPS request (production: TLS at the balancer, the scheme forwarded by a trusted proxy).
            // Not Always: anti-forgery then refuses to render any form over plain HTTP, which would break the console
            // of `dotnet run` on loopback. The session cookie itself is always Secure (browsers accept that on loopback).
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.HttpOnly = true;
        });
        services.Configure<CookieTempDataProviderOptions>(options =>
        {
            options.Cookie.Name = "__Host-omniakey-notice";
            options.Cookie.SecurePolicy = CookieSecurePolicy.Always;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.Cookie.HttpOnly = true;
        });
        return services;
    }

    /// <summary>
    /// Makes a module's pages part of the console. Razor Pages would find them through the host's dependencies too;
    /// naming them here makes a module's pages depend on the module being added, not on how the host was built.
    /// </summary>
    public static IServiceCollection AddConsolePages(this IServiceCollection services, Assembly moduleAssembly)
    {
        services.AddRazorPages().ConfigureApplicationPartManager(manager =>
        {
            foreach (var part in ApplicationPartFactory.GetApplicationPartFactory(moduleAssembly).GetApplicationParts(moduleAssembly))
            {
                if (!manager.ApplicationParts.Any(p => p.Name == part.Name && p.GetType() == part.GetType()))
                {
                    manager.ApplicationParts.Add(part);
                }
            }
        });
        return services;
    }

    /// <summary>Languages apply to console paths only: the API's JSON and the <c>/v1</c> hot path never pay for them.</summary>
    public static IApplicationBuilder UseWebConsole(this IApplicationBuilder app)
    {
        var cultures = ConsoleCulture.Options();
        return app.UseWhen(context => ConsolePaths.Contains(context.Request.Path), console => console
            .UseRequestLocalization(cultures)
            .UseStatusCodePages(ExplainEmptyErrorAsync));
    }

    /// <summary>
    /// An error answer with no body on a console path (an unknown page, a form whose anti-forgery token failed) gets
    /// a page in words instead of a blank screen.
    /// </summary>
    private static Task ExplainEmptyErrorAsync(StatusCodeContext context)
    {
        var http = context.HttpContext;
        var code = http.Response.StatusCode switch
        {
            StatusCodes.Status404NotFound => "not_found",
            StatusCodes.Status400BadRequest => "form_expired",
            _ => "internal_error",
        };
        return http.RequestServices.GetRequiredService<IBrowserErrorPage>().WriteAsync(http, http.Response.StatusCode, code, code);
    }

    public static IEndpointRouteBuilder MapWebConsole(this IEndpointRouteBuilder app)
    {
        app.MapRazorPages();
        ConsoleAssets.Map(app);
        ConsoleCulture.MapSwitch(app);
        app.MapGet("/", () => Results.Redirect("/dashboard")).ExcludeFromDescription();
        return app;
    }
}
