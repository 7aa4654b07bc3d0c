namespace OmniaKey.IntegrationTests.Infrastructure;

/// <summary>
/// A <see cref="GatewayFixture"/> whose app also has a Gemini channel (<c>Upstreams:Gemini:*</c>) pointed at a
/// <see cref="FakeGeminiServer"/>. The fake starts first, because the app's configuration needs its port.
/// </summary>
public abstract class GeminiGatewayFixture(DatabaseKind kind) : GatewayFixture(kind)
{
    public FakeGeminiServer Gemini { get; } = new();

    protected override IReadOnlyDictionary<string, string?>? Settings => new Dictionary<string, string?>
    {
        ["Upstreams:Gemini:BaseUrl"] = Gemini.BaseUrl,
        ["Upstreams:Gemini:ApiKey"] = Gemini.ApiKey,
    };

    public override async Task InitializeAsync()
    {
        await Gemini.StartAsync();
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Gemini.DisposeAsync();
    }
}

public sealed class SqliteGeminiGatewayFixture() : GeminiGatewayFixture(DatabaseKind.Sqlite);

public sealed class PostgresGeminiGatewayFixture() : GeminiGatewayFixture(DatabaseKind.Postgres);
