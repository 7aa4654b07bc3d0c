using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using OmniaKey.Domain.Money;
using OmniaKey.Modules.Billing.Contracts;

namespace OmniaKey.LoadTest;

/// <summary>
/// The real OmniaKey (the Api project's <c>Program</c>) on a loopback Kestrel socket, in the Production environment,
/// on a fresh SQLite file in a new directory under <c>dataRoot</c> (removed afterwards), with the OpenAI upstream
/// pointed at <see cref="FakeUpstream"/>. Billing is fully on: every call reserves, settles and writes a usage record.
/// </summary>
internal sealed class Gateway(string upstreamBaseUrl, string dataRoot, string? postgresServer = null) : WebApplicationFactory<Program>
{
    private readonly string adminToken = "load-" + Guid.NewGuid().ToString("N");
    private readonly string workDirectory = Path.Combine(dataRoot, "omniakey-load", Guid.NewGuid().ToString("N"));
    private readonly string postgresDatabase = "omniakey_load_" + Guid.NewGuid().ToString("N");

    /// <summary><c>http://127.0.0.1:&lt;port&gt;</c> once <see cref="Start"/> returned.</summary>
    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    public void Start()
    {
        Directory.CreateDirectory(workDirectory);
        if (postgresServer is not null)
        {
            ExecuteOnPostgresServer($"CREATE DATABASE \"{postgresDatabase}\"");
        }

        UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseAddress = new Uri(addresses.Single());
    }

    /// <summary>Signs a customer up, credits the account and creates an API key (see <see cref="OmniaKeyApi"/>).</summary>
    public Task<FundedKey> CreateFundedKeyAsync(HttpClient http, string creditUsd) =>
        new OmniaKeyApi(http, BaseAddress, adminToken).CreateFundedKeyAsync(creditUsd);

    /// <summary>
    /// Times the billing work of calls without HTTP: one reservation and one settlement per call, in one scope as a
    /// request has, through the gateway's own <see cref="IBalanceReservations"/>. Nothing is left held afterwards.
    /// </summary>
    public async Task<LoadResult> TimeBillingAsync(FundedKey key, int calls)
    {
        var latencies = new long[calls];
        var usage = new TokenUsage(12, 9, 0, 0, 0);
        var cpuBefore = LoadRunner.CpuTime();
        var started = Stopwatch.GetTimestamp();
        for (var i = 0; i < calls; i++)
        {
            var requestId = "load-billing-" + Guid.NewGuid().ToString("N");
            var sent = Stopwatch.GetTimestamp();
            await using (var scope = Services.CreateAsyncScope())
            {
                var reservations = scope.ServiceProvider.GetRequiredService<IBalanceReservations>();
                var hold = Money.Parse("0.001");
                var reservation = new ReservationRequest(requestId, key.AccountId, key.KeyId, "gpt-4o-mini", "openai", hold, hold);
                if (await reservations.TryReserveUpToAsync(reservation, CancellationToken.None) is null)
                {
                    throw new InvalidOperationException("The balance could not cover a billing-only call.");
                }

                var settlement = new CallSettlement(requestId, key.AccountId, key.KeyId, "gpt-4o-mini", "openai", usage, Money.Parse("0.0000072"), 0, "succeeded", "upstream");
                await reservations.SettleAsync(settlement, CancellationToken.None);
            }

            latencies[i] = Stopwatch.GetTimestamp() - sent;
        }

        return new LoadResult(LatencyStats.From(latencies), calls, 0, null, Stopwatch.GetElapsedTime(started), LoadRunner.CpuTime() - cpuBefore);
    }

    /// <summary><c>available_usd</c> of the customer's balance.</summary>
    public Task<string> AvailableUsdAsync(HttpClient http, string accessToken) =>
        new OmniaKeyApi(http, BaseAddress, adminToken).AvailableUsdAsync(accessToken);

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (postgresServer is not null)
        {
            Npgsql.NpgsqlConnection.ClearAllPools();
            ExecuteOnPostgresServer($"DROP DATABASE IF EXISTS \"{postgresDatabase}\" WITH (FORCE)");
        }

        try
        {
            Directory.Delete(workDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Leaves a temp directory behind at worst.
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseContentRoot(ApiContentRoot());
        if (postgresServer is null)
        {
            builder.UseSetting("Database:Provider", "Sqlite");
            builder.UseSetting("ConnectionStrings:OmniaKey", $"Data Source={Path.Combine(workDirectory, "omniakey.db")}");
        }
        else
        {
            builder.UseSetting("Database:Provider", "Postgres");
            builder.UseSetting("DataProtection:AllowUnprotectedKeys", "true"); // a throwaway database (docs/key-ring.md)
            builder.UseSetting("ConnectionStrings:OmniaKey", new Npgsql.NpgsqlConnectionStringBuilder(postgresServer) { Database = postgresDatabase }.ConnectionString);
        }

        builder.UseSetting("Data:Directory", workDirectory);
        builder.UseSetting("Admin:BootstrapToken", adminToken);
        builder.UseSetting("Upstreams:OpenAI:BaseUrl", upstreamBaseUrl);
        builder.UseSetting("Upstreams:OpenAI:ApiKey", FakeUpstream.ApiKey);

        // Nothing on the request path changes: no job server polling in the background, no per-request console log.
        builder.UseSetting("Jobs:Storage", "InMemory");
        builder.UseSetting("Jobs:Server:Enabled", "false");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
    }

    private void ExecuteOnPostgresServer(string sql)
    {
        using var connection = new Npgsql.NpgsqlConnection(postgresServer);
        connection.Open();
        using var command = new Npgsql.NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }

    /// <summary>
    /// <c>src/Api</c> of this repository. The test host only finds a content root by itself inside test projects.
    /// </summary>
    private static string ApiContentRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "OmniaKey.sln")))
            {
                return Path.Combine(directory.FullName, "src", "Api");
            }
        }

        throw new InvalidOperationException("Run the load test from inside the OmniaKey repository (OmniaKey.sln not found).");
    }
}
