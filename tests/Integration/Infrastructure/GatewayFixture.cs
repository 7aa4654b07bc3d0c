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
    private OmniaKeyAppFactory? _second;

    public FakeOpenAiServer Upstream { get; } = new();

    public OmniaKeyAppFactory App => _app ?? throw new InvalidOperationException("The fixture is not initialised.");

    /// <summary>
    /// The second instance of a fixture with <see cref="WithSecondInstance"/>: the service again on the same database,
    /// configured as <see cref="App"/> (settings, clock, test services), with its own connection pools, as a separate
    /// process would have.
    /// </summary>
    public OmniaKeyAppFactory Second => _second ?? throw new InvalidOperationException("The fixture has no second instance.");

    /// <summary>Whether the fixture starts <see cref="Second"/> too.</summary>
    protected virtual bool WithSecondInstance => false;

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
        _app = NewInstance(shareDatabaseOf: null);
        await _app.InitializeAsync();
        if (WithSecondInstance)
        {
            _second = NewInstance(shareDatabaseOf: _app);
            await _second.InitializeAsync();
        }
    }

    private OmniaKeyAppFactory NewInstance(OmniaKeyAppFactory? shareDatabaseOf) =>
        new(kind, Upstream.BaseUrl, Upstream.ApiKey, Settings, services =>
        {
            if (_clock is not null)
            {
                services.AddSingleton<TimeProvider>(_clock);
            }

            ConfigureTestServices(services);
        }, shareDatabaseOf, ServeOverKestrel);

    /// <summary>Empties the database (re-seeding reference data) and clears the fake upstream's script and recordings.</summary>
    public async Task ResetAsync()
    {
        Upstream.Reset();
        await App.ResetDatabaseAsync();
    }

    public virtual async Task DisposeAsync()
    {
        if (_second is not null)
        {
            await _second.DisposeAsync();
        }

        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        await Upstream.DisposeAsync();
    }
}

public sealed class SqliteGatewayFixture() : GatewayFixture(DatabaseKind.Sqlite);

public sealed class PostgresGatewayFixture() : GatewayFixture(DatabaseKind.Postgres);
