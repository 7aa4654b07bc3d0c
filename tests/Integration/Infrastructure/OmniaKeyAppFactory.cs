using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using OmniaKey.Infrastructure.Persistence;
using OmniaKey.Modules.Billing.Application.Balances;
using Xunit;

namespace OmniaKey.IntegrationTests.Infrastructure;

public enum DatabaseKind
{
    Sqlite,
    Postgres,
}

/// <summary>
/// The whole OmniaKey API in memory, on its own fresh database (a temp SQLite file, or a new PostgreSQL database on
/// the <see cref="TestPostgres"/> server) or another factory's (a second instance), with the OpenAI upstream
/// pointed at a fake. Hangfire uses in-memory
/// storage and runs no server: tests invoke jobs directly. <see cref="InitializeAsync"/> creates the database and
/// starts the app, which migrates and seeds it.
/// </summary>
public sealed class OmniaKeyAppFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    /// <summary>At least 32 characters, as start-up demands of <c>Admin:BootstrapToken</c>.</summary>
    public const string AdminToken = "test-admin-token-0123456789abcdefghijklmnop";

    /// <summary>
    /// Tests sign up and log in far more often, from one address, than the production abuse limits allow; a test of the
    /// limits themselves sets low ones in its settings.
    /// </summary>
    private static readonly Dictionary<string, string> GenerousRateLimits = new()
    {
        ["RateLimits:SignUp:PermitsPerHour"] = "1000000",
        ["RateLimits:SignUp:PerEmailPermitsPerHour"] = "1000000",
        ["RateLimits:LogIn:PermitsPerMinute"] = "1000000",
        ["RateLimits:LogIn:PerEmailPermitsPerMinute"] = "1000000",
        ["RateLimits:LogIn:LockoutThreshold"] = "1000000",
        ["RateLimits:AccountEmail:PermitsPerHour"] = "1000000",
        ["RateLimits:ApiKeys:FailuresPerMinute"] = "1000000",
        ["RateLimits:Admin:FailuresPerMinute"] = "1000000",
        ["RateLimits:Webhooks:PermitsPerMinute"] = "1000000",
    };

    private readonly string _upstreamBaseUrl;
    private readonly string _upstreamApiKey;
    private readonly IReadOnlyDictionary<string, string?> _settings;
    private readonly Action<IServiceCollection>? _testServices;
    private readonly OmniaKeyAppFactory? _sharedDatabaseOwner;
    private readonly bool _serveOverKestrel;
    private readonly string _workDirectory = Path.Combine(Path.GetTempPath(), "omniakey-tests", Guid.NewGuid().ToString("N"));
    private readonly string _postgresDatabase = "omniakey_test_" + Guid.NewGuid().ToString("N");
    private string? _connectionString;
    private DatabaseResetter? _resetter;
    private int _disposed;

    /// <param name="settings">Extra configuration (e.g. <c>Billing:Refunds:AutoApprove</c>), applied last.</param>
    /// <param name="testServices">Extra services, registered after the app's own.</param>
    /// <param name="serveOverKestrel">Serve over a real loopback socket too (<see cref="ServerAddress"/>), not only in memory.</param>
    /// <param name="shareDatabaseOf">
    /// Another (initialised) factory whose database and data directory this app uses too, as a second instance of
    /// the service would: it neither creates nor drops that database, and resetting it resets the owner's. On
    /// PostgreSQL it gets its own connection pool, like a separate process.
    /// </param>
    public OmniaKeyAppFactory(
        DatabaseKind kind,
        string upstreamBaseUrl,
        string upstreamApiKey,
        IReadOnlyDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? testServices = null,
        OmniaKeyAppFactory? shareDatabaseOf = null,
        bool serveOverKestrel = false)
    {
        if (shareDatabaseOf is not null && shareDatabaseOf.Kind != kind)
        {
            throw new ArgumentException("A second instance must use the same kind of database.", nameof(shareDatabaseOf));
        }

        _testServices = testServices;
        _serveOverKestrel = serveOverKestrel;
        _sharedDatabaseOwner = shareDatabaseOf;
        Kind = kind;
        _upstreamBaseUrl = upstreamBaseUrl;
        _upstreamApiKey = upstreamApiKey;
        _settings = settings ?? new Dictionary<string, string?>();
    }

    public DatabaseKind Kind { get; }

    /// <summary>With <c>serveOverKestrel</c>: the app's real address on loopback, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public string ServerAddress { get; private set; } = "";

    /// <summary>
    /// The app's <c>Data:Directory</c>, a fresh temp directory removed on dispose — or, for a second instance, the
    /// first one's, because instances must share the Data Protection key ring (channel credentials are encrypted).
    /// </summary>
    public string DataDirectory => _sharedDatabaseOwner?.DataDirectory ?? Path.Combine(_workDirectory, "data");

    public string ConnectionString =>
        _connectionString ?? throw new InvalidOperationException("Call InitializeAsync before starting the app.");

    public async Task InitializeAsync()
    {
        if (_sharedDatabaseOwner is not null)
        {
            Directory.CreateDirectory(DataDirectory);
            _connectionString = Kind == DatabaseKind.Postgres
                ? new NpgsqlConnectionStringBuilder(_sharedDatabaseOwner.ConnectionString) { ApplicationName = "omniakey-second-instance" }.ConnectionString
                : _sharedDatabaseOwner.ConnectionString;
            _ = Services;
            return;
        }

        var connectionString = Kind == DatabaseKind.Postgres
            ? await TestPostgres.CreateDatabaseAsync(_postgresDatabase)
            : $"Data Source={Path.Combine(_workDirectory, "omniakey.db")}";
        Directory.CreateDirectory(DataDirectory);
        _connectionString = connectionString;

        if (_serveOverKestrel)
        {
            // A real socket on loopback, for clients that are not in this process (the browser tests' Chromium).
            UseKestrel(0);
            StartServer();
            ServerAddress = Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
                .Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()!
                .Addresses.Single().Replace("[::1]", "127.0.0.1", StringComparison.Ordinal);
        }

        // Builds and starts the host: its hosted services migrate and seed the database before this returns.
        var modules = Services.GetServices<ModuleDatabase>().Select(m => m.Schema).ToList();
        _resetter = new DatabaseResetter(_connectionString, Kind == DatabaseKind.Postgres, modules, SeedAsync);
    }

    /// <summary>A client that sends <c>Authorization: Bearer <see cref="AdminToken"/></c>.</summary>
    public HttpClient CreateAdminClient() => CreateBearerClient(AdminToken);

    /// <summary>A client that sends <c>Authorization: Bearer {token}</c> (an access token or an API key).</summary>
    public HttpClient CreateBearerClient(string token)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>Deletes all data (keeping the schema), then re-runs the app's <see cref="IDataSeeder"/>s.</summary>
    public async Task ResetDatabaseAsync(CancellationToken cancellationToken = default)
    {
        if (_sharedDatabaseOwner is not null)
        {
            await WaitForQueuedSettlementsAsync(cancellationToken);
            await _sharedDatabaseOwner.ResetDatabaseAsync(cancellationToken);
            return;
        }

        if (_resetter is null)
        {
            throw new InvalidOperationException("Call InitializeAsync before resetting the database.");
        }

        // Respawn reads the schema, so the app must have created it first (Services builds it).
        await WaitForQueuedSettlementsAsync(cancellationToken);
        await _resetter.ResetAsync(cancellationToken);
    }

    /// <summary>
    /// A call's response can end before its settlement commits (ADR 0019). The previous test's last batch must land
    /// before the tables are emptied, or it writes into the next test's data (or deadlocks with the reset).
    /// </summary>
    private Task WaitForQueuedSettlementsAsync(CancellationToken cancellationToken) =>
        Services.GetRequiredService<IPendingSettlements>().WaitForAllAsync(cancellationToken);

    public override async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await base.DisposeAsync();
        _resetter?.Dispose();
        if (_connectionString is not null && _sharedDatabaseOwner is null)
        {
            await DropDatabaseAsync(_connectionString);
        }

        TryDeleteWorkDirectory();
    }

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", Kind.ToString());
        builder.UseSetting("ConnectionStrings:OmniaKey", ConnectionString);
        builder.UseSetting("Admin:BootstrapToken", AdminToken);
        builder.UseSetting("Upstreams:OpenAI:BaseUrl", _upstreamBaseUrl);
        builder.UseSetting("Upstreams:OpenAI:ApiKey", _upstreamApiKey);
        builder.UseSetting("Jobs:Storage", "InMemory");
        builder.UseSetting("Jobs:Server:Enabled", "false");
        builder.UseSetting("Data:Directory", DataDirectory);
        if (Kind == DatabaseKind.Postgres)
        {
            // The key ring lives in the database there, and start-up demands it be protected (docs/key-ring.md).
            builder.UseSetting("DataProtection:Certificate:Path", TestKeyRingCertificates.SharedPath);
            builder.UseSetting("DataProtection:Certificate:Password", TestKeyRingCertificates.Password);
        }

        foreach (var (key, value) in GenerousRateLimits)
        {
            builder.UseSetting(key, value);
        }

        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        if (_testServices is not null)
        {
            builder.ConfigureTestServices(_testServices);
        }
    }

    private async Task SeedAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        foreach (var seeder in scope.ServiceProvider.GetServices<IDataSeeder>())
        {
            await seeder.SeedAsync(CancellationToken.None);
        }
    }

    private async Task DropDatabaseAsync(string connectionString)
    {
        if (Kind == DatabaseKind.Sqlite)
        {
            using var sqlite = new SqliteConnection(connectionString);
            SqliteConnection.ClearPool(sqlite); // releases the file, which goes with the work directory
            return;
        }

        using var postgres = new NpgsqlConnection(connectionString);
        NpgsqlConnection.ClearPool(postgres);
        try
        {
            await TestPostgres.DropDatabaseAsync(_postgresDatabase);
        }
        catch (NpgsqlException)
        {
            // Clean-up only: a database left behind just takes space on the throwaway test server.
        }
    }

    private void TryDeleteWorkDirectory()
    {
        try
        {
            Directory.Delete(_workDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still open (e.g. a WAL file) only leaves litter in the temp directory.
        }
        catch (UnauthorizedAccessException)
        {
            // As above.
        }
    }
}
