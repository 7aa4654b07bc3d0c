using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Routing;

namespace OmniaKey.WebConsole;

/// <summary>
/// The console's languages: English, Simplified and Traditional Chinese. The choice comes from the switcher's cookie
/// first, then <c>Accept-Language</c> (zh-CN and zh-SG fall back to zh-Hans, zh-TW, zh-HK and zh-MO to zh-Hant
/// through .NET's parent cultures), then English.
/// </summary>
public static class ConsoleCulture
{
    public const string English = "en";
    public const string SimplifiedChinese = "zh-Hans";
    public const string TraditionalChinese = "zh-Hant";

    public static readonly IReadOnlyList<string> Supported = [English, SimplifiedChinese, TraditionalChinese];

    /// <summary>Where the switcher's links go: sets the remembered choice and returns to the page it came from.</summary>
    public const string SwitchPath = "/console/language";

    public static RequestLocalizationOptions Options()
    {
        var cultures = Supported.Select(CultureInfo.GetCultureInfo).ToList();
        var options = new RequestLocalizationOptions
        {
            DefaultRequestCulture = new RequestCulture(English),
            SupportedCultures = cultures,
            SupportedUICultures = cultures,
            FallBackToParentCultures = true,
            FallBackToParentUICultures = true,
        };
        options.RequestCultureProviders =
        [
            new CookieRequestCultureProvider(),
            new AcceptLanguageHeaderRequestCultureProvider(),
        ];
        return options;
    }

    internal static void MapSwitch(IEndpointRouteBuilder app) =>
        app.MapGet(SwitchPath, (HttpContext http, string? culture, string? return_url) =>
        {
            var chosen = Supported.FirstOrDefault(c => string.Equals(c, culture, StringComparison.OrdinalIgnoreCase));
            if (chosen is null)
            {
                return Results.Problem(
                    statusCode: StatusCodes.Status400BadRequest,
                    title: "culture: must be one of " + string.Join(", ", Supported) + ".",
                    extensions: new Dictionary<string, object?> { ["code"] = "invalid_request" });
            }

            http.Response.Cookies.Append(
                CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(chosen)),
                new CookieOptions
                {
                    MaxAge = TimeSpan.FromDays(365),
                    HttpOnly = true,
                    Secure = true,
                    SameSite = SameSiteMode.Lax,
                    IsEssential = true,
                });
            return Results.LocalRedirect(LocalOrHome(return_url));
        }).ExcludeFromDescription();

    /// <summary>Only a path on this site: never an open redirect.</summary>
    public static string LocalOrHome(string? url) =>
        !string.IsNullOrEmpty(url) && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\')) ? url : "/dashboard";
}
