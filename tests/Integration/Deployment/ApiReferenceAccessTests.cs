using System.Net;
using System.Text.RegularExpressions;
using OmniaKey.Infrastructure.Hardening;
using OmniaKey.IntegrationTests.Infrastructure;
using Xunit;

namespace OmniaKey.IntegrationTests.Deployment;

/// <summary>The OpenAPI document and its Scalar UI: admin-only outside Development, open in Development.</summary>
public sealed partial class ApiReferenceAccessTests(HardeningFixture fixture) : IClassFixture<HardeningFixture>
{
    [Theory]
    [InlineData("/openapi/v1.json")]
    [InlineData("/scalar/")]
    [InlineData("/scalar/v1")]
    public async Task Outside_Development_only_the_admin_token_opens_the_api_reference(string path)
    {
        using var anonymous = fixture.App.CreateClient();
        using var customerLike = fixture.App.CreateBearerClient("sk-not-the-admin-token");
        using var admin = fixture.App.CreateAdminClient();

        using var refused = await anonymous.GetAsync(path);
        using var wrongToken = await customerLike.GetAsync(path);
        using var allowed = await admin.GetAsync(path);

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongToken.StatusCode);
        await allowed.AssertStatusAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task In_Development_the_document_and_the_UI_are_open()
    {
        using var anonymous = fixture.Development.CreateClient();

        using var document = await anonymous.GetAsync("/openapi/v1.json");
        using var ui = await anonymous.GetAsync("/scalar/v1");

        await document.AssertStatusAsync(HttpStatusCode.OK);
        var json = await document.ReadJsonNodeAsync();
        Assert.StartsWith("3.", json["openapi"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.NotNull(json["paths"]!["/v1/chat/completions"]);
        await ui.AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal("text/html", ui.Content.Headers.ContentType?.MediaType);
        Assert.Equal(SecurityHeaders.ApiReferencePolicy, Assert.Single(ui.Headers.GetValues("Content-Security-Policy")));

        // The UI's script is served by the app itself (same origin, as the CSP demands), not by a CDN.
        var html = await ui.Content.ReadAsStringAsync();
        var script = ScriptSource().Match(html);
        Assert.True(script.Success, html);
        var scriptUri = new Uri(new Uri("http://localhost/scalar/v1"), script.Groups["src"].Value);
        Assert.Equal("localhost", scriptUri.Host);
        using var bundle = await anonymous.GetAsync(scriptUri.PathAndQuery);
        await bundle.AssertStatusAsync(HttpStatusCode.OK);
    }

    [GeneratedRegex("<script[^>]* src=\"(?<src>[^\"]+)\"")]
    private static partial Regex ScriptSource();
}
