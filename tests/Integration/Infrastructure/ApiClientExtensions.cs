using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Xunit;

namespace OmniaKey.IntegrationTests.Infrastructure;

/// <summary>HTTP helpers for tests: snake_case JSON, status assertions that show the body, and common flows.</summary>
public static class ApiClientExtensions
{
    public const string DefaultPassword = "correct horse battery staple";

    /// <summary>The Terms version a new database is seeded with.</summary>
    public const string TermsVersion = "2026-05-30";

    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    /// <summary>A unique e-mail address, so tests never collide.</summary>
    public static string NewEmail(string prefix = "user") => $"{prefix}-{Guid.NewGuid():N}@example.com";

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string path, object body) =>
        client.PostAsJsonAsync(path, body, Json);

    public static async Task<T> ReadJsonAsync<T>(this HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<T>(Json)
        ?? throw new InvalidOperationException($"{Describe(response)} returned a null JSON body.");

    public static async Task<JsonNode> ReadJsonNodeAsync(this HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        return JsonNode.Parse(body) ?? throw new InvalidOperationException($"{Describe(response)} returned a null JSON body.");
    }

    /// <summary>Fails with the response body in the message unless the status is <paramref name="expected"/>.</summary>
    public static async Task AssertStatusAsync(this HttpResponseMessage response, HttpStatusCode expected)
    {
        if (response.StatusCode != expected)
        {
            Assert.Fail($"Expected {(int)expected} {expected} from {Describe(response)}, got {await DescribeFailureAsync(response)}");
        }
    }

    /// <summary>Fails with the response body in the message unless the status is 2xx.</summary>
    public static async Task AssertSuccessAsync(this HttpResponseMessage response)
    {
        if (!response.IsSuccessStatusCode)
        {
            Assert.Fail($"Expected success from {Describe(response)}, got {await DescribeFailureAsync(response)}");
        }
    }

    /// <summary><c>POST /admin/v1/accounts {email, country:"US"}</c>; returns the new account's id.</summary>
    public static async Task<Guid> CreateAccountAsync(this HttpClient admin, string email)
    {
        using var response = await admin.PostJsonAsync("/admin/v1/accounts", new { email, country = "US" });
        await response.AssertStatusAsync(HttpStatusCode.Created);
        return Guid.Parse(RequiredString(await response.ReadJsonNodeAsync(), "id"));
    }

    /// <summary><c>POST /admin/v1/accounts/{id}/credits {amount_usd, reason:"test"}</c>, optionally idempotent.</summary>
    public static async Task CreditAsync(this HttpClient admin, Guid accountId, string amountUsd, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/admin/v1/accounts/{accountId}/credits")
        {
            Content = JsonContent.Create(new { amount_usd = amountUsd, reason = "test" }, options: Json),
        };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        using var response = await admin.SendAsync(request);
        await response.AssertSuccessAsync();
    }

    /// <summary>Signs up (accepting the seeded Terms) and logs in; returns the account id and a bearer access token.</summary>
    public static async Task<(Guid AccountId, string AccessToken)> SignUpAndLogInAsync(
        this HttpClient anonymous, string email, string password = DefaultPassword)
    {
        var signUp = new { email, password, country = "US", terms_version = TermsVersion, eligibility_confirmed = true };
        using (var response = await anonymous.PostJsonAsync("/api/v1/auth/signup", signUp))
        {
            await response.AssertStatusAsync(HttpStatusCode.Created);
        }

        return await anonymous.LogInAsync(email, password);
    }

    /// <summary><c>POST /api/v1/auth/login {email, password}</c>; returns the account id and a bearer access token.</summary>
    public static async Task<(Guid AccountId, string AccessToken)> LogInAsync(this HttpClient anonymous, string email, string password = DefaultPassword)
    {
        using var response = await anonymous.PostJsonAsync("/api/v1/auth/login", new { email, password });
        await response.AssertStatusAsync(HttpStatusCode.OK);
        var body = await response.ReadJsonNodeAsync();
        return (Guid.Parse(RequiredString(body, "account_id")), RequiredString(body, "access_token"));
    }

    /// <summary><c>POST /api/v1/keys {name}</c>; returns the secret key, shown only once.</summary>
    public static async Task<string> CreateApiKeyAsync(this HttpClient customer, string name)
    {
        using var response = await customer.PostJsonAsync("/api/v1/keys", new { name });
        await response.AssertStatusAsync(HttpStatusCode.Created);
        return RequiredString(await response.ReadJsonNodeAsync(), "key");
    }

    /// <summary><c>GET /api/v1/balance</c>; returns the decimal strings <c>available_usd</c> and <c>reserved_usd</c>.</summary>
    public static async Task<(string Available, string Reserved)> GetBalanceAsync(this HttpClient customer)
    {
        using var response = await customer.GetAsync("/api/v1/balance");
        await response.AssertStatusAsync(HttpStatusCode.OK);
        var body = await response.ReadJsonNodeAsync();
        return (RequiredString(body, "available_usd"), RequiredString(body, "reserved_usd"));
    }

    /// <summary><c>GET /admin/v1/accounts/{id}</c>; returns the account's <c>balance</c> decimal strings.</summary>
    public static async Task<(string Available, string Reserved)> GetAccountBalanceAsync(this HttpClient admin, Guid accountId)
    {
        using var response = await admin.GetAsync($"/admin/v1/accounts/{accountId}");
        await response.AssertStatusAsync(HttpStatusCode.OK);
        var balance = (await response.ReadJsonNodeAsync())["balance"]!;
        return (RequiredString(balance, "available_usd"), RequiredString(balance, "reserved_usd"));
    }

    private static string RequiredString(JsonNode body, string name)
    {
        if (body[name] is JsonValue value && value.TryGetValue(out string? text))
        {
            return text;
        }

        Assert.Fail($"Expected a string '{name}' in {body.ToJsonString()}");
        return "";
    }

    private static string Describe(HttpResponseMessage response) =>
        $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.PathAndQuery}";

    private static async Task<string> DescribeFailureAsync(HttpResponseMessage response) =>
        $"{(int)response.StatusCode} {response.StatusCode}: {await response.Content.ReadAsStringAsync()}";
}
