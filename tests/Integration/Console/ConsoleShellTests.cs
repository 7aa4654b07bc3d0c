using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using OmniaKey.IntegrationTests.Infrastructure;
using Xunit;

namespace OmniaKey.IntegrationTests.Console;

/// <summary>
/// The console's shell over plain HTTP (no browser): its security headers, assets, language switch, anti-forgery and
/// error pages — and that none of it leaks into the JSON APIs.
/// </summary>
public sealed class ConsoleShellTests(SqliteGatewayFixture fixture) : IClassFixture<SqliteGatewayFixture>
{
    private HttpClient Browser() => fixture.App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    [Fact]
    public async Task Console_pages_carry_a_strict_content_security_policy_without_inline_code()
    {
        using var response = await Browser().GetAsync("/pricing");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var policy = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.StartsWith("default-src 'none'; script-src 'self'; style-src 'self';", policy);
        Assert.Contains("frame-ancestors 'none'", policy);
        Assert.Contains("form-action 'self'", policy);
        Assert.DoesNotContain("unsafe-inline", policy);
        Assert.DoesNotContain("unsafe-eval", policy);
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
        var html = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("<script>", html);
        Assert.DoesNotContain("style=\"", html);
    }

    [Fact]
    public async Task Assets_are_served_from_memory_and_cached_by_content_hash()
    {
        var html = await Browser().GetStringAsync("/pricing");
        var href = System.Text.RegularExpressions.Regex.Match(html, "/console/assets/site\\.css\\?v=[0-9a-f]{16}").Value;
        Assert.NotEmpty(href);

        using var response = await Browser().GetAsync(href);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/css", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("immutable", response.Headers.CacheControl!.ToString());
        Assert.Contains(":focus-visible", await response.Content.ReadAsStringAsync());
        using var missing = await Browser().GetAsync("/console/assets/nothing.js");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Theory]
    [InlineData("//evil.example/phish")]
    [InlineData("https://evil.example/phish")]
    [InlineData("/\\evil.example")]
    public async Task The_language_switch_never_redirects_off_the_site(string returnUrl)
    {
        using var response = await Browser().GetAsync($"/console/language?culture=zh-Hant&return_url={Uri.EscapeDataString(returnUrl)}");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/dashboard", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task The_language_switch_remembers_a_supported_language_in_a_hardened_cookie()
    {
        using var response = await Browser().GetAsync("/console/language?culture=zh-Hans&return_url=%2Fpricing");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/pricing", response.Headers.Location!.OriginalString);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"));
        Assert.StartsWith(".AspNetCore.Culture=c%3Dzh-Hans%7Cuic%3Dzh-Hans", cookie);
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);

        using var unsupported = await Browser().GetAsync("/console/language?culture=fr&return_url=%2Fpricing");
        Assert.Equal(HttpStatusCode.BadRequest, unsupported.StatusCode);
        Assert.False(unsupported.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task An_unknown_console_page_is_a_page_in_the_readers_language_not_a_blank_404()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/dashboard/no-such-page");
        request.Headers.AcceptLanguage.ParseAdd("zh-CN");

        using var response = await Browser().SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("此页面不存在。", html);
        Assert.Contains("data-error-code=\"not_found\"", html);
        Assert.Contains("lang=\"zh-Hans\"", html);
    }

    [Fact]
    public async Task A_form_posted_without_its_anti_forgery_token_is_refused_and_signs_nobody_in()
    {
        var email = ApiClientExtensions.NewEmail("csrf");
        await fixture.App.CreateClient().SignUpAndLogInAsync(email);

        using var response = await Browser().PostAsync("/dashboard/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = email,
            ["Password"] = ApiClientExtensions.DefaultPassword,
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("data-error-code=\"form_expired\"", await response.Content.ReadAsStringAsync());
        Assert.DoesNotContain(
            response.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies : [],
            c => c.StartsWith("__Host-omniakey-console=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_json_apis_keep_their_own_error_shapes()
    {
        using var v1 = await Browser().GetAsync("/v1/models");
        Assert.Equal(HttpStatusCode.Unauthorized, v1.StatusCode);
        Assert.Equal("application/json", v1.Content.Headers.ContentType!.MediaType);

        using var api = await fixture.App.CreateAdminClient().GetAsync($"/admin/v1/accounts/{Guid.NewGuid()}");
        Assert.Equal(HttpStatusCode.NotFound, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType!.MediaType);
    }
}
