using System.Net.Http.Headers;
using OmniaKey.Domain.Money;
using OmniaKey.IntegrationTests.Infrastructure;
using Xunit;

namespace OmniaKey.IntegrationTests.Gateway;

/// <summary>Per test: a clean database and fake upstream, one customer with a key and a known balance.</summary>
public abstract class GatewayTestBase<TFixture>(TFixture fixture) : IAsyncLifetime
    where TFixture : GatewayFixture
{
    /// <summary>gpt-4o list prices in the seeded catalogue: $2.50 input, $10 output, $1.25 cached input per million.</summary>
    protected static readonly TokenPrice Gpt4oInput = TokenPrice.PerMillion(Money.Parse("2.5"));
    protected static readonly TokenPrice Gpt4oOutput = TokenPrice.PerMillion(Money.Parse("10"));
    protected static readonly TokenPrice Gpt4oCachedInput = TokenPrice.PerMillion(Money.Parse("1.25"));

    protected TFixture Fixture { get; } = fixture;

    protected HttpClient Admin { get; private set; } = null!;

    protected HttpClient Customer { get; private set; } = null!;

    protected Guid AccountId { get; private set; }

    protected string ApiKey { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Fixture.ResetAsync();
        Admin = Fixture.App.CreateAdminClient();
        var anonymous = Fixture.App.CreateClient();
        var (accountId, token) = await anonymous.SignUpAndLogInAsync(ApiClientExtensions.NewEmail());
        AccountId = accountId;
        Customer = Fixture.App.CreateBearerClient(token);
        ApiKey = await Customer.CreateApiKeyAsync("test key");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    protected HttpClient ApiClient(string? key = null)
    {
        var client = Fixture.App.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key ?? ApiKey);
        return client;
    }

    protected static Money CostOf(long promptTokens, long completionTokens, long cachedTokens = 0) =>
        CostRounding.ToMoney(
            Gpt4oInput.ExactCostOf(promptTokens - cachedTokens)
            + Gpt4oCachedInput.ExactCostOf(cachedTokens)
            + Gpt4oOutput.ExactCostOf(completionTokens));

    protected async Task<Money> AvailableAsync()
    {
        // Through the admin view: a suspension ends the customer's session (docs/accounts.md).
        var (available, _) = await Admin.GetAccountBalanceAsync(AccountId);
        return Money.Parse(available);
    }
}
