using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using OmniaKey.IntegrationTests.Billing;
using OmniaKey.IntegrationTests.Infrastructure;
using OmniaKey.Modules.Compliance.Application.Decisions;
using Xunit;

namespace OmniaKey.IntegrationTests.Compliance;

/// <summary>
/// Requests that reach the app through the trusted proxy with <c>X-Forwarded-For</c> naming the client, and readers of
/// the decision log and the review queue.
/// </summary>
public abstract class ComplianceTestBase<TFixture>(TFixture fixture) : RefundTestBase<TFixture>(fixture), IAsyncLifetime
    where TFixture : ComplianceFixture
{
    public const string DeniedCode = "unsupported_country_region_territory";

    async Task IAsyncLifetime.InitializeAsync()
    {
        await InitializeAsync();
        Fixture.Terminations.Clear();
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        // The gate's background writes of this test must land before the next test empties the tables.
        await Fixture.App.Services.GetRequiredService<IPendingDecisionWrites>().WaitForQueuedAsync(CancellationToken.None);
    }

    /// <summary>Sends <paramref name="body"/> as JSON from <paramref name="clientIp"/> via the proxy (or from <paramref name="peer"/> directly).</summary>
    protected static async Task<HttpResponseMessage> SendFromAsync(
        HttpClient client, string clientIp, HttpMethod method, string path, object? body = null, string? peer = null)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.TryAddWithoutValidation("X-Forwarded-For", clientIp);
        if (peer is not null)
        {
            request.Headers.TryAddWithoutValidation(TestPeerStartupFilter.PeerHeader, peer);
        }

        if (body is not null)
        {
            request.Content = JsonContent.Create(body, options: ApiClientExtensions.Json);
        }

        return await client.SendAsync(request);
    }

    protected Task<HttpResponseMessage> SignUpFromAsync(string clientIp, string email, string country = "US", string? peer = null) =>
        SendFromAsync(
            Fixture.App.CreateClient(),
            clientIp,
            HttpMethod.Post,
            "/api/v1/auth/signup",
            new { email, password = ApiClientExtensions.DefaultPassword, country, terms_version = ApiClientExtensions.TermsVersion, eligibility_confirmed = true },
            peer);

    protected Task<HttpResponseMessage> LogInFromAsync(string clientIp, string email) =>
        SendFromAsync(Fixture.App.CreateClient(), clientIp, HttpMethod.Post, "/api/v1/auth/login", new { email, password = ApiClientExtensions.DefaultPassword });

    /// <summary>A 403 problem details with the Restricted Territory code.</summary>
    protected static async Task AssertDeniedProblemAsync(HttpResponseMessage response)
    {
        await response.AssertStatusAsync(HttpStatusCode.Forbidden);
        var problem = await response.ReadJsonNodeAsync();
        Assert.Equal(DeniedCode, problem["code"]!.GetValue<string>());
        Assert.Equal(403, problem["status"]!.GetValue<int>());
    }

    /// <summary><c>GET /admin/v1/compliance/decisions?{query}</c>, every page.</summary>
    protected async Task<List<JsonNode>> DecisionsAsync(string query = "")
    {
        var entries = new List<JsonNode>();
        string? cursor = null;
        do
        {
            var url = $"/admin/v1/compliance/decisions?limit=2&{query}" + (cursor is null ? string.Empty : $"&cursor={Uri.EscapeDataString(cursor)}");
            using var response = await Admin.GetAsync(url);
            await response.AssertStatusAsync(HttpStatusCode.OK);
            var page = await response.ReadJsonNodeAsync();
            entries.AddRange(page["data"]!.AsArray().Select(e => e!.DeepClone()));
            cursor = page["next_cursor"]?.GetValue<string>();
        }
        while (cursor is not null);

        return entries;
    }

    protected async Task<JsonNode> AccountAsync(Guid accountId)
    {
        using var response = await Admin.GetAsync($"/admin/v1/accounts/{accountId}");
        await response.AssertStatusAsync(HttpStatusCode.OK);
        return await response.ReadJsonNodeAsync();
    }

    protected async Task<JsonArray> AccountsByEmailAsync(string email)
    {
        using var response = await Admin.GetAsync($"/admin/v1/accounts?email={Uri.EscapeDataString(email)}");
        await response.AssertStatusAsync(HttpStatusCode.OK);
        return (await response.ReadJsonNodeAsync())["data"]!.AsArray();
    }

    protected static string Text(JsonNode node, string name) => node[name]!.GetValue<string>();

    protected static string? Evidence(JsonNode decision, string name) => decision["evidence"]![name]?.GetValue<string>();

    /// <summary>Surface, outcome, country and signal of a decision, for one-line assertions.</summary>
    protected static (string Surface, string Outcome, string? Country, string? Signal) Summary(JsonNode d) =>
        (Text(d, "surface"), Text(d, "outcome"), d["country"]?.GetValue<string>(), d["signal"]?.GetValue<string>());
}
