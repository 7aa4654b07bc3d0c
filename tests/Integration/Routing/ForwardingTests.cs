using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Mvc.Testing;
using System.Text.Json.Nodes;
using OmniaKey.Domain.Money;
using OmniaKey.IntegrationTests.Gateway;
using OmniaKey.IntegrationTests.Infrastructure;
using Xunit;

namespace OmniaKey.IntegrationTests.Routing;

/// <summary>
/// What reaches the upstream and what comes back from it (ADR 0016): only priced fields go out, end-user identifiers
/// are the account's pseudonym, and errors about our own provider account never show our key or blame the client's.
/// </summary>
public abstract class ForwardingTests<TFixture>(TFixture fixture) : GatewayTestBase<TFixture>(fixture)
    where TFixture : GatewayFixture
{
    [Fact]
    public async Task A_priority_service_tier_is_refused_naming_the_field_and_costs_nothing()
    {
        await Admin.CreditAsync(AccountId, "1");

        var response = await ApiClient().PostJsonAsync("/v1/chat/completions", Body(new() { ["service_tier"] = "priority" }));

        await response.AssertStatusAsync(HttpStatusCode.BadRequest);
        Assert.Equal("gateway", response.Headers.GetValues("x-omniakey-error-source").Single());
        var error = (await response.ReadJsonNodeAsync())["error"]!;
        Assert.Equal("invalid_request_error", error["type"]!.GetValue<string>());
        Assert.Equal("service_tier", error["param"]!.GetValue<string>());
        Assert.Empty(Fixture.Upstream.ChatRequests);
        Assert.Equal(Money.Parse("1"), await AvailableAsync());
        Assert.Empty(await UsageRecords.ListAsync(Fixture.App, AccountId));
    }

    [Fact]
    public async Task The_upstream_sees_the_accounts_pseudonym_never_the_clients_user()
    {
        await Admin.CreditAsync(AccountId, "1");
        var (otherAccount, otherKey) = await SecondCustomerAsync();
        await Admin.CreditAsync(otherAccount, "1");

        await (await ApiClient().PostJsonAsync("/v1/chat/completions", Body(new() { ["user"] = "alice@example.com" }))).AssertSuccessAsync();
        await (await ApiClient().PostJsonAsync("/v1/chat/completions", Body(new() { ["user"] = "bob" }))).AssertSuccessAsync();
        await (await ApiClient(otherKey).PostJsonAsync("/v1/chat/completions", Body(new() { ["user"] = "alice@example.com" }))).AssertSuccessAsync();

        var users = Fixture.Upstream.ChatRequests.Select(r => r.Json!["user"]!.GetValue<string>()).ToList();
        Assert.Equal(3, users.Count);
        Assert.DoesNotContain(Fixture.Upstream.ChatRequests, r => r.Body.Contains("alice", StringComparison.Ordinal) || r.Body.Contains("bob", StringComparison.Ordinal));
        Assert.Equal(users[0], users[1]);
        Assert.NotEqual(users[0], users[2]);
        Assert.DoesNotContain(AccountId.ToString("N"), users[0], StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(AccountId.ToString(), users[0], StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Unknown_and_unpriced_fields_are_not_forwarded_and_streams_always_ask_for_usage()
    {
        await Admin.CreditAsync(AccountId, "1");

        var response = await ApiClient().PostJsonAsync("/v1/chat/completions", Body(new()
        {
            ["stream"] = true,
            ["temperature"] = 0.3,
            ["store"] = true,
            ["metadata"] = new JsonObject { ["tenant"] = "t-1" },
            ["web_search_options"] = new JsonObject(),
            ["x_unknown_field"] = "surprise",
        }));
        await response.AssertSuccessAsync();
        await response.Content.ReadAsStringAsync();

        var sent = Assert.Single(Fixture.Upstream.ChatRequests).Json!.AsObject();
        Assert.Equal(["model", "messages", "temperature", "stream", "stream_options"], sent.Select(p => p.Key));
        Assert.True(sent["stream_options"]!["include_usage"]!.GetValue<bool>());
    }

    [Fact]
    public async Task An_upstream_401_about_our_key_is_a_gateway_502_without_the_key_and_costs_nothing()
    {
        await Admin.CreditAsync(AccountId, "1");
        var ledgerBefore = await LedgerAsync();
        Fixture.Upstream.EnqueueError(401, "invalid_request_error", "invalid_api_key",
            "Incorrect API key provided: sk-proj-abc123def456ghi789. You can find your API key at https://platform.openai.com/account/api-keys.");

        var response = await ApiClient().PostJsonAsync("/v1/chat/completions", Body());

        await response.AssertStatusAsync(HttpStatusCode.BadGateway);
        Assert.Equal("gateway", response.Headers.GetValues("x-omniakey-error-source").Single());
        var text = await response.Content.ReadAsStringAsync();
        var error = JsonNode.Parse(text)!["error"]!;
        Assert.Equal("server_error", error["type"]!.GetValue<string>());
        Assert.Equal("upstream_unavailable", error["code"]!.GetValue<string>());
        foreach (var fragment in new[] { "sk-", "proj", "abc123", "def456", "invalid_api_key", "Incorrect API key" })
        {
            Assert.DoesNotContain(fragment, text, StringComparison.OrdinalIgnoreCase);
        }

        Assert.Equal(Money.Parse("1"), await AvailableAsync());
        Assert.Equal("0", (await Customer.GetBalanceAsync()).Reserved);
        Assert.Equal(ledgerBefore, await LedgerAsync());
        var record = Assert.Single(await UsageRecords.ListAsync(Fixture.App, AccountId));
        Assert.Equal(Money.Zero, record.Charged);
    }

    [Fact]
    public async Task An_upstream_redirect_is_not_followed_or_passed_on_so_our_key_never_reaches_another_host_and_the_call_costs_nothing()
    {
        await Admin.CreditAsync(AccountId, "1");
        await using var elsewhere = await FakeOpenAiServer.StartNewAsync("sk-someone-elses-key");
        Fixture.Upstream.Enqueue(new FakeBehavior { RedirectTo = elsewhere.BaseUrl + "/chat/completions" });

        var client = Fixture.App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ApiKey);
        var response = await client.PostJsonAsync("/v1/chat/completions", Body());

        await response.AssertStatusAsync(HttpStatusCode.BadGateway);
        Assert.Null(response.Headers.Location);
        Assert.Equal("upstream", response.Headers.GetValues("x-omniakey-error-source").Single());
        Assert.Empty(elsewhere.Requests);
        Assert.Single(Fixture.Upstream.ChatRequests);
        Assert.Equal(Money.Parse("1"), await AvailableAsync());
        Assert.Equal("0", (await Customer.GetBalanceAsync()).Reserved);
    }

    [Fact]
    public async Task A_cookie_an_upstream_sets_during_one_customers_call_is_never_sent_with_the_next_call()
    {
        await Admin.CreditAsync(AccountId, "1");
        var (otherAccount, otherKey) = await SecondCustomerAsync();
        await Admin.CreditAsync(otherAccount, "1");
        Fixture.Upstream.Enqueue(new FakeBehavior { SetCookie = "upstream_session=for-the-first-customer; Path=/" });

        await (await ApiClient().PostJsonAsync("/v1/chat/completions", Body())).AssertSuccessAsync();
        await (await ApiClient(otherKey).PostJsonAsync("/v1/chat/completions", Body())).AssertSuccessAsync();

        Assert.Equal(2, Fixture.Upstream.ChatRequests.Count);
        Assert.All(Fixture.Upstream.ChatRequests, r => Assert.False(r.Headers.ContainsKey("Cookie"), "a cookie went upstream"));
    }

    [Fact]
    public async Task A_429_naming_our_organisation_keeps_status_type_and_code_with_a_neutral_message()
    {
        await Admin.CreditAsync(AccountId, "1");
        Fixture.Upstream.EnqueueError(429, "tokens", "rate_limit_exceeded",
            "Rate limit reached for gpt-4o in organization org-AbCdEf123456 on tokens per min (TPM): Limit 30000, Used 30000, Requested 100.");

        var response = await ApiClient().PostJsonAsync("/v1/chat/completions", Body());

        Assert.Equal(429, (int)response.StatusCode);
        Assert.Equal("upstream", response.Headers.GetValues("x-omniakey-error-source").Single());
        var text = await response.Content.ReadAsStringAsync();
        var error = JsonNode.Parse(text)!["error"]!;
        Assert.Equal("tokens", error["type"]!.GetValue<string>());
        Assert.Equal("rate_limit_exceeded", error["code"]!.GetValue<string>());
        Assert.Equal("openai", error["metadata"]!["provider"]!.GetValue<string>());
        Assert.DoesNotContain("org-", text, StringComparison.Ordinal);
        Assert.DoesNotContain("AbCdEf123456", text, StringComparison.Ordinal);
        Assert.DoesNotContain("organization", text, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(Money.Parse("1"), await AvailableAsync());
    }

    private static JsonObject Body(JsonObject? extra = null)
    {
        var body = new JsonObject
        {
            ["model"] = "gpt-4o",
            ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = "Hello" }),
        };
        foreach (var (name, value) in extra ?? [])
        {
            body[name] = value?.DeepClone();
        }

        return body;
    }

    private async Task<(Guid AccountId, string Key)> SecondCustomerAsync()
    {
        var (accountId, token) = await Fixture.App.CreateClient().SignUpAndLogInAsync(ApiClientExtensions.NewEmail("other"));
        return (accountId, await Fixture.App.CreateBearerClient(token).CreateApiKeyAsync("other key"));
    }

    private async Task<string> LedgerAsync()
    {
        using var response = await Customer.GetAsync("/api/v1/ledger?limit=100");
        await response.AssertSuccessAsync();
        return await response.Content.ReadAsStringAsync();
    }
}

public sealed class SqliteForwardingTests(SqliteGatewayFixture fixture)
    : ForwardingTests<SqliteGatewayFixture>(fixture), IClassFixture<SqliteGatewayFixture>;

public sealed class PostgresForwardingTests(PostgresGatewayFixture fixture)
    : ForwardingTests<PostgresGatewayFixture>(fixture), IClassFixture<PostgresGatewayFixture>;
