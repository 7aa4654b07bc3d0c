using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace OmniaKey.LoadTest;

/// <summary>The few calls of OmniaKey's customer and admin APIs (<c>docs/api.md</c>) the load tests need.</summary>
internal sealed class OmniaKeyApi(HttpClient http, Uri baseAddress, string adminToken)
{
    /// <summary>
    /// Signs a customer up, logs in, credits the account through the admin API and creates an API key, exactly as
    /// the README's example does.
    /// </summary>
    public async Task<FundedKey> CreateFundedKeyAsync(string creditUsd)
    {
        var terms = await http.GetFromJsonAsync<JsonObject>(new Uri(baseAddress, "/api/v1/terms/current"));
        const string email = "load@example.com";
        const string password = "a long load-test password";
        var signUp = await PostAsync("/api/v1/auth/signup", null, new JsonObject
        {
            ["email"] = email,
            ["password"] = password,
            ["country"] = "US",
            ["terms_version"] = terms!["version"]!.GetValue<string>(),
            ["eligibility_confirmed"] = true,
        });
        var accountId = signUp["id"]!.GetValue<string>();
        var login = await PostAsync("/api/v1/auth/login", null, new JsonObject { ["email"] = email, ["password"] = password });
        var accessToken = login["access_token"]!.GetValue<string>();
        await PostAsync($"/admin/v1/accounts/{accountId}/credits", adminToken, new JsonObject { ["amount_usd"] = creditUsd, ["reason"] = "load test" });
        var key = await PostAsync("/api/v1/keys", accessToken, new JsonObject { ["name"] = "load test" });
        return new FundedKey(key["key"]!.GetValue<string>(), key["id"]!.GetValue<Guid>(), Guid.Parse(accountId), accessToken);
    }

    /// <summary><c>available_usd</c> of the customer's balance.</summary>
    public async Task<string> AvailableUsdAsync(string accessToken) =>
        (await GetAsync("/api/v1/balance", accessToken))["available_usd"]!.GetValue<string>();

    /// <summary><c>GET /admin/v1/billing/reconciliation</c> over every account.</summary>
    public async Task<Reconciliation> ReconcileAsync()
    {
        var answer = await GetAsync("/admin/v1/billing/reconciliation", adminToken);
        var accounts = answer["data"]!.AsArray().Select(a => a!.AsObject()).ToList();
        var reserved = accounts.Sum(a => decimal.Parse(a["reserved_usd"]!.GetValue<string>(), CultureInfo.InvariantCulture));
        return new Reconciliation(
            answer["checked_accounts"]!.GetValue<int>(),
            answer["unbalanced_accounts"]!.GetValue<int>(),
            reserved,
            accounts.Sum(a => decimal.Parse(a["available_usd"]!.GetValue<string>(), CultureInfo.InvariantCulture)));
    }

    /// <summary>
    /// Polls the reconciliation until nothing is reserved (a settlement may still be committing after its answer
    /// went out) or <paramref name="timeout"/> passes, and returns the last one.
    /// </summary>
    public async Task<Reconciliation> ReconcileWhenSettledAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var reconciliation = await ReconcileAsync();
            if (reconciliation.ReservedUsd == 0 || DateTime.UtcNow > deadline)
            {
                return reconciliation;
            }

            await Task.Delay(100);
        }
    }

    private async Task<JsonObject> GetAsync(string path, string bearer)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(baseAddress, path));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        return await SendAsync(request);
    }

    private async Task<JsonObject> PostAsync(string path, string? bearer, JsonObject body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(baseAddress, path)) { Content = JsonContent.Create(body) };
        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        return await SendAsync(request);
    }

    private async Task<JsonObject> SendAsync(HttpRequestMessage request)
    {
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{request.Method} {request.RequestUri!.PathAndQuery} answered {(int)response.StatusCode}: {text}");
        }

        return JsonNode.Parse(text)!.AsObject();
    }
}

/// <summary>A customer with a funded balance and an API key, created through the public and admin APIs.</summary>
internal sealed record FundedKey(string ApiKey, Guid KeyId, Guid AccountId, string AccessToken);

/// <summary>The ledger check over all accounts: how many do not sum to their balance, and what is still held.</summary>
internal sealed record Reconciliation(int CheckedAccounts, int UnbalancedAccounts, decimal ReservedUsd, decimal AvailableUsd);
