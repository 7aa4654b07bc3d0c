using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
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

    /// <summary>
    /// Signs a customer up, logs in, credits the account through the admin API and creates an API key, exactly as
    /// the README's example does.
    /// </summary>
    public async Task<FundedKey> CreateFundedKeyAsync(HttpClient http, string creditUsd)
    {
        var terms = await http.GetFromJsonAsync<JsonObject>(new Uri(BaseAddress, "/api/v1/terms/current"));
        const string email = "load@example.com";
        const string password = "a long load-test password";
        var signUp = await PostAsync(http, "/api/v1/auth/signup", null, new JsonObject
        {
            ["email"] = email,
            ["password"] = password,
            ["country"] = "US",
            ["terms_version"] = terms!["version"]!.GetValue<string>(),
            ["eligibility_confirmed"] = true,
        });
        var accountId = signUp["id"]!.GetValue<string>();
        var login = await PostAsync(http, "/api/v1/auth/login", null, new JsonObject { ["email"] = email, ["password"] = password });
        var accessToken = login["access_token"]!.GetValue<string>();
        await PostAsync(http, $"/admin/v1/accounts/{accountId}/credits", adminToken, new JsonObject { ["amount_usd"] = creditUsd, ["reason"] = "load test" });
        var key = await PostAsync(http, "/api/v1/keys", accessToken, new JsonObject { ["name"] = "load test" });
        return new FundedKey(key["key"]!.GetValue<string>(), key["id"]!.GetValue<Guid>(), Guid.Parse(accountId), accessToken);
    }

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
    public async Task<string> AvailableUsdAsync(HttpClient http, string accessToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(BaseAddress, "/api/v1/balance"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["available_usd"]!.GetValue<string>();
    }

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

    private async Task<JsonObject> PostAsync(HttpClient http, string path, string? bearer, JsonObject body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(BaseAddress, path)) { Content = JsonContent.Create(body) };
        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"POST {path} answered {(int)response.StatusCode}: {text}");
        }

        return JsonNode.Parse(text)!.AsObject();
    }
}

/// <summary>A customer with a funded balance and an API key, created through the public and admin APIs.</summary>
internal sealed record FundedKey(string ApiKey, Guid KeyId, Guid AccountId, string AccessToken);
