using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace OmniaKey.IntegrationTests.Infrastructure;

/// <summary>
/// A class fixture (<c>IClassFixture&lt;SqliteGatewayFixture&gt;</c>) with the fake OpenAI upstream started and the
/// app running against it on a fresh database. Call <see cref="ResetAsync"/> at the start of each test.
/// Derive from it (with a public parameterless constructor) to add <see cref="Settings"/>.
/// </summary>
/// <param name="fakeClock">
/// Run the app and the fake upstream on one <see cref="Clock"/> that only tests move, so that timeouts, breaker
/// pauses and a slow upstream take no real time.
/// </param>
public abstract class GatewayFixture(DatabaseKind kind, bool fakeClock = false) : IAsyncLifetime
{
    private readonly FakeTimeProvider? _clock = fakeClock ? new FakeTimeProvider(DateTimeOffset.UtcNow) : null;
    private OmniaKeyAppFactory? _app;

    public FakeOpenAiServer Upstream { get; } = new();

    public OmniaKeyAppFactory App => _app ?? throw new InvalidOperationException("The fixture is not initialised.");

    /// <summary>The app's and the fake upstream's clock, for fixtures made with <c>fakeClock: true</c>.</summary>
    public FakeTimeProvider Clock => _clock ?? throw new InvalidOperationException("This fixture runs on the real clock.");

    /// <summary>The clock the app and its fake upstreams run on.</summary>
    public TimeProvider AppClock => _clock ?? TimeProvider.System;

    /// <summary>Extra configuration for the app, applied after the test defaults.</summary>
    protected virtual IReadOnlyDictionary<string, string?>? Settings => null;

    /// <summary>Serve the app on a real loopback socket as well (<see cref="OmniaKeyAppFactory.ServerAddress"/>).</summary>
    protected virtual bool ServeOverKestrel => false;

    /// <summary>Test-only services (e.g. recording integration event handlers), registered after the app's own.</summary>
    protected virtual void ConfigureTestServices(IServiceCollection services)
    {
    }

    public virtual async Task InitializeAsync()
    {
        Upstream.Clock = AppClock;
        await Upstream.StartAsync();
        _app = new OmniaKeyAppFactory(kind, Upstream.BaseUrl, Upstream.ApiKey, Settings, services =>
        {
            if (_clock is not null)
            {
                services.AddSingleton<TimeProvider>(_clock);
            }

            ConfigureTestServices(services);
        }, serveOverKestrel: ServeOverKestrel);
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
