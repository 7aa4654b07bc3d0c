using Xunit;

namespace OmniaKey.IntegrationTests.Infrastructure;

/// <summary>
/// A <see cref="GatewayFixture"/> whose app also has an Anthropic channel (<c>Upstreams:Anthropic:*</c>) pointed at a
/// <see cref="FakeAnthropicServer"/>. The fake starts first, because the app's configuration needs its port.
/// </summary>
public abstract class AnthropicGatewayFixture(DatabaseKind kind) : GatewayFixture(kind), IAsyncLifetime
{
    public FakeAnthropicServer Anthropic { get; } = new();

    protected override IReadOnlyDictionary<string, string?>? Settings => new Dictionary<string, string?>
    {
        ["Upstreams:Anthropic:BaseUrl"] = Anthropic.BaseUrl,
        ["Upstreams:Anthropic:ApiKey"] = Anthropic.ApiKey,

        // Error pass-through tests answer 401/429 in a row; the breaker must not turn them into the gateway's 502.
        ["Routing:CircuitBreaker:MinimumThroughput"] = "1000",
    };

    async Task IAsyncLifetime.InitializeAsync()
    {
        await Anthropic.StartAsync();
        await InitializeAsync();
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await Anthropic.DisposeAsync();
    }
}

public sealed class SqliteAnthropicGatewayFixture() : AnthropicGatewayFixture(DatabaseKind.Sqlite);

public sealed class PostgresAnthropicGatewayFixture() : AnthropicGatewayFixture(DatabaseKind.Postgres);
