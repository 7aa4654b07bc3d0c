using System.Net;
using OmniaKey.Infrastructure.Hardening;
using OmniaKey.IntegrationTests.Infrastructure;
using Xunit;

namespace OmniaKey.IntegrationTests.Deployment;

/// <summary>
/// Security headers on the customer, admin and dashboard surfaces (errors included), a CSP fitted to each, HSTS on
/// HTTPS outside Development, and a lean <c>/v1</c> (docs/adr/0037).
/// </summary>
public sealed class SecurityHeadersTests(HardeningFixture fixture) : IClassFixture<HardeningFixture>
{
    [Theory]
    [InlineData("/api/v1/balance", HttpStatusCode.Unauthorized)] // customer surface, refused
    [InlineData("/api/v1/no-such-route", HttpStatusCode.NotFound)] // a status-code page
    [InlineData("/health/live", HttpStatusCode.OK)]
    public async Task Every_browser_facing_answer_carries_the_headers_and_a_CSP_that_allows_nothing(string path, HttpStatusCode status)
    {
        using var client = fixture.App.CreateClient();

        using var response = await client.GetAsync(path);

        Assert.Equal(status, response.StatusCode);
        AssertBrowserHeaders(response, SecurityHeaders.ApiPolicy);
    }

    [Fact]
    public async Task The_admin_api_carries_the_headers()
    {
        using var admin = fixture.App.CreateAdminClient();

        using var response = await admin.GetAsync("/admin/v1/accounts?email=nobody@example.com");

        await response.AssertStatusAsync(HttpStatusCode.OK);
        AssertBrowserHeaders(response, SecurityHeaders.ApiPolicy);
    }

    [Fact]
    public async Task The_jobs_dashboard_gets_a_CSP_that_allows_its_own_scripts_only()
    {
        using var admin = fixture.App.CreateAdminClient();

        using var response = await admin.GetAsync("/admin/jobs");

        await response.AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        AssertBrowserHeaders(response, SecurityHeaders.DashboardPolicy);
        Assert.DoesNotContain("script-src 'self' 'unsafe-inline'", SecurityHeaders.DashboardPolicy, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_v1_surface_gets_nosniff_and_nothing_browser_specific()
    {
        using var client = fixture.App.CreateBearerClient("sk-not-a-key");

        using var response = await client.GetAsync("/v1/models");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("nosniff", Single(response, "X-Content-Type-Options"));
        Assert.False(response.Headers.Contains("Content-Security-Policy"));
        Assert.False(response.Headers.Contains("X-Frame-Options"));
        Assert.False(response.Headers.Contains("Referrer-Policy"));
        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task HSTS_is_sent_over_HTTPS_outside_Development_only()
    {
        using var production = fixture.App.CreateClient(new() { BaseAddress = new Uri("https://gateway.example") });
        using var plain = fixture.App.CreateClient(new() { BaseAddress = new Uri("http://gateway.example") });
        using var development = fixture.Development.CreateClient(new() { BaseAddress = new Uri("https://gateway.example") });

        using var overHttps = await production.GetAsync("/health/live");
        using var overHttp = await plain.GetAsync("/health/live");
        using var inDevelopment = await development.GetAsync("/health/live");

        Assert.Equal("max-age=31536000", Single(overHttps, "Strict-Transport-Security"));
        Assert.False(overHttp.Headers.Contains("Strict-Transport-Security"));
        Assert.False(inDevelopment.Headers.Contains("Strict-Transport-Security"));
    }

    private static void AssertBrowserHeaders(HttpResponseMessage response, string policy)
    {
        Assert.Equal("nosniff", Single(response, "X-Content-Type-Options"));
        Assert.Equal("no-referrer", Single(response, "Referrer-Policy"));
        Assert.Equal("DENY", Single(response, "X-Frame-Options"));
        Assert.Equal(policy, Single(response, "Content-Security-Policy"));
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
    }

    private static string Single(HttpResponseMessage response, string name)
    {
        Assert.True(response.Headers.TryGetValues(name, out var values), $"{name} missing on {(int)response.StatusCode} {response.RequestMessage?.RequestUri}");
        return Assert.Single(values);
    }
}
