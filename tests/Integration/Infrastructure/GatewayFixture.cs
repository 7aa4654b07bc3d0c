using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace OmniaKey.IntegrationTests.Infrastructure;

/// <summary>
/// A class fixture (<c>IClassFixture&lt;SqliteGatewayFixture&gt;</c>) with the fake OpenAI upstream started and the
/// app running against it on a fresh database. Call <see cref="ResetAsync"/> at the start of each test.
/// Derive from it (with a public parameterless constructor) to add <see cref="Settings"/>.
/// </summary>
public abstract class GatewayFixture(DatabaseKind kind) : IAsyncLifetime
{
    private OmniaKeyAppFactory? _app;

    public FakeOpenAiServer Upstream { get; } = new();

    public OmniaKeyAppFactory App => _app ?? throw new InvalidOperationException("The fixture is not initialised.");

    /// <summary>Extra configuration for the app, applied after the test defaults.</summary>
    protected virtual IReadOnlyDictionary<string, string?>? Settings => null;

    /// <summary>Test-only services (e.g. recording integration event handlers), registered after the app's own.</summary>
    protected virtual void ConfigureTestServices(IServiceCollection services)
    {
    }

    public virtual async Task InitializeAsync()
    {
        await Upstream.StartAsync();
        _app = new OmniaKeyAppFactory(kind, Upstream.BaseUrl, Upstream.ApiKey, Settings, ConfigureTestServices);
        await _app.InitializeAsync();
    }

    /// <summary>Empties the database (re-seeding reference data) and clears the fake upstream's script and recordings.</summary>
    public async Task ResetAsync()
    {
        Upstream.Reset();
        await App.ResetDatabaseAsync();
    }

    public virtual async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        await Upstream.DisposeAsync();
    }
}

public sealed class SqliteGatewayFixture() : GatewayFixture(DatabaseKind.Sqlite);

public sealed class PostgresGatewayFixture() : GatewayFixture(DatabaseKind.Postgres);
