using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using OmniaKey.IntegrationTests.Infrastructure;
using Xunit;

namespace OmniaKey.IntegrationTests.AbuseLimits;

/// <summary>
/// Requests from a named client IP. Each test takes fresh addresses and e-mail addresses, so that the per-IP windows
/// (real time, ASP.NET Core's limiter) and the per-e-mail ones (the fixture's fake clock) of one test never meet
/// another's.
/// </summary>
public abstract class AbuseLimitsTestBase(AbuseLimitsFixture fixture) : IClassFixture<AbuseLimitsFixture>, IAsyncLifetime
{
    private static int nextAddress;

    protected AbuseLimitsFixture Fixture { get; } = fixture;

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>An address no other test of the run uses (198.18.0.0/15, the benchmarking range).</summary>
    protected static string NewIp()
    {
        var n = Interlocked.Increment(ref nextAddress);
        return $"198.18.{n / 250}.{(n % 250) + 1}";
    }

    protected async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string ip, object? body = null, string? bearer = null)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.TryAddWithoutValidation(TestPeerStartupFilter.PeerHeader, ip);
        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        if (body is not null)
        {
            request.Content = JsonContent.Create(body, options: ApiClientExtensions.Json);
        }

        return await Fixture.App.CreateClient().SendAsync(request);
    }

    protected Task<HttpResponseMessage> SignUpAsync(string email, string ip, string password = ApiClientExtensions.DefaultPassword) =>
        SendAsync(HttpMethod.Post, "/api/v1/auth/signup", ip, new
        {
            email,
            password,
            country = "US",
            terms_version = ApiClientExtensions.TermsVersion,
            eligibility_confirmed = true,
        });

    protected Task<HttpResponseMessage> LogInAsync(string email, string ip, string password = ApiClientExtensions.DefaultPassword) =>
        SendAsync(HttpMethod.Post, "/api/v1/auth/login", ip, new { email, password });

    /// <summary>A customer signed up and logged in from an address of its own; returns the access token.</summary>
    protected async Task<string> NewCustomerAsync(string email)
    {
        using var signUp = await SignUpAsync(email, NewIp());
        await signUp.AssertStatusAsync(HttpStatusCode.Created);
        using var logIn = await LogInAsync(email, NewIp());
        await logIn.AssertStatusAsync(HttpStatusCode.OK);
        return (await logIn.ReadJsonNodeAsync())["access_token"]!.GetValue<string>();
    }

    /// <summary>Asserts a 429 with a positive whole-second <c>Retry-After</c> and the code; returns both.</summary>
    protected static async Task<(int RetryAfter, JsonNode Body)> AssertTooManyAsync(HttpResponseMessage response, string code = "rate_limit_exceeded")
    {
        var body = await response.ReadJsonNodeAsync();
        Assert.True(response.StatusCode == HttpStatusCode.TooManyRequests, $"expected 429, got {(int)response.StatusCode}: {body.ToJsonString()}");
        var header = Assert.Single(response.Headers.GetValues("Retry-After"));
        var seconds = int.Parse(header, NumberStyles.None, CultureInfo.InvariantCulture);
        Assert.True(seconds > 0, $"Retry-After {header}");
        Assert.Equal(code, (body["code"] ?? body["error"]?["code"])?.GetValue<string>());
        return (seconds, body);
    }
}
