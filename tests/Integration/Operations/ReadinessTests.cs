using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using netDumbster.smtp;
using Npgsql;
using OmniaKey.IntegrationTests.Compliance.Geo;
using OmniaKey.IntegrationTests.Infrastructure;
using OmniaKey.IntegrationTests.Infrastructure.Geo;
using OmniaKey.Modules.Compliance.Infrastructure.Geo;
using Xunit;

namespace OmniaKey.IntegrationTests.Operations;

/// <summary>
/// <c>/health/live</c> and <c>/health/ready</c> as a load balancer sees them (docs/health-and-shutdown.md): the standard
/// health-check JSON, 200 while healthy or degraded, 503 when unhealthy; e-mail and GeoIP only ever degrade it.
/// </summary>
public sealed class ReadinessTests : IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);
    private readonly GeoTestFiles geo = new();

    public void Dispose() => geo.Dispose();

    [Fact]
    public async Task Everything_in_place_is_healthy_and_live_runs_no_check()
    {
        using var smtp = Configuration.Configure().WithAddress(IPAddress.Loopback).WithRandomPort().Build();
        geo.WriteDatabase(MaxMindDbLayout.GeoLite2Country, ("1.2.3.0/24", "DE"));
        await using var app = await StartAsync(DatabaseKind.Sqlite, EveryProvider(new()
        {
            ["Email:Smtp:Host"] = "127.0.0.1",
            ["Email:Smtp:Port"] = smtp.Configuration.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Email:Smtp:UseTls"] = "false",
            ["Email:From"] = "OmniaKey <no-reply@omniakey.test>",
            [MaxMindIpCountryDatabase.DatabasePathKey] = geo.DatabasePath,
        }));
        using var client = app.CreateClient();

        var (status, ready) = await GetAsync(client, "/health/ready");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Healthy", ready["status"]!.GetValue<string>());
        var entries = ready["entries"]!.AsObject();
        Assert.Equal(["channels", "database", "email", "geoip", "jobs", "shutdown"], entries.Select(e => e.Key).Order(StringComparer.Ordinal));
        Assert.All(entries, e => Assert.Equal("Healthy", e.Value!["status"]!.GetValue<string>()));
        Assert.Equal("OmniaKey-Test-Country", entries["geoip"]!["data"]!["database_type"]!.GetValue<string>());
        Assert.Equal(3, entries["channels"]!["data"]!["usable_channels"]!.AsObject().Count);

        var (liveStatus, live) = await GetAsync(client, "/health/live");
        Assert.Equal(HttpStatusCode.OK, liveStatus);
        Assert.Equal("Healthy", live["status"]!.GetValue<string>());
        Assert.Empty(live["entries"]!.AsObject());
    }

    [Fact]
    public async Task No_mail_relay_and_no_geoip_database_degrade_readiness_without_failing_it()
    {
        var closedPort = ClosedPort();
        await using var app = await StartAsync(DatabaseKind.Sqlite, EveryProvider(new()
        {
            ["Email:Smtp:Host"] = "127.0.0.1",
            ["Email:Smtp:Port"] = closedPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Email:Smtp:UseTls"] = "false",
            ["Email:From"] = "OmniaKey <no-reply@omniakey.test>",
        }));
        using var client = app.CreateClient();

        var (status, ready) = await GetAsync(client, "/health/ready");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Degraded", ready["status"]!.GetValue<string>());
        Assert.Equal("Degraded", StatusOf(ready, "email"));
        Assert.Contains("does not accept connections", ready["entries"]!["email"]!["description"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("Degraded", StatusOf(ready, "geoip"));
        Assert.Equal("Healthy", StatusOf(ready, "database"));
        Assert.DoesNotContain(closedPort.ToString(System.Globalization.CultureInfo.InvariantCulture), ready.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Providers_without_a_channel_degrade_readiness_and_no_usable_channel_at_all_fails_it()
    {
        // Only the OpenAI upstream is configured; the seeded catalogue also has Anthropic and Gemini models.
        await using var app = await StartAsync(DatabaseKind.Sqlite, []);
        using var client = app.CreateClient();

        var (status, ready) = await GetAsync(client, "/health/ready");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Degraded", StatusOf(ready, "channels"));
        var missing = ready["entries"]!["channels"]!["data"]!["providers_without_channel"]!.AsArray().Select(p => p!.GetValue<string>());
        Assert.Equal(["anthropic", "gemini"], missing);
        Assert.Equal("Degraded", StatusOf(ready, "email"));
        Assert.Contains("Email:Smtp:Host", ready["entries"]!["email"]!["description"]!.GetValue<string>(), StringComparison.Ordinal);

        // With its only channel disabled the instance can serve nothing: not ready.
        using var admin = app.CreateAdminClient();
        var channels = (await (await admin.GetAsync("/admin/v1/channels")).ReadJsonNodeAsync())["data"]!.AsArray();
        foreach (var channel in channels)
        {
            using var disabled = await admin.PatchAsJsonAsync($"/admin/v1/channels/{channel!["id"]!.GetValue<string>()}", new { enabled = false }, ApiClientExtensions.Json);
            await disabled.AssertSuccessAsync();
        }

        (status, ready) = await GetAsync(client, "/health/ready");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal("Unhealthy", StatusOf(ready, "channels"));
        Assert.Equal(["anthropic", "gemini", "openai"], ready["entries"]!["channels"]!["data"]!["providers_without_channel"]!.AsArray().Select(p => p!.GetValue<string>()));
    }

    [Fact]
    public async Task Readiness_fails_while_the_postgres_database_is_cut_off_and_recovers_when_it_is_back()
    {
        var server = new NpgsqlConnectionStringBuilder(await TestPostgres.ServerConnectionStringAsync());
        var name = "omniakey_health_" + Guid.NewGuid().ToString("N");
        var direct = new NpgsqlConnectionStringBuilder(await TestPostgres.CreateDatabaseAsync(name));
        await using var proxy = new CuttableTcpProxy(server.Host!, server.Port);
        var throughProxy = new NpgsqlConnectionStringBuilder(direct.ConnectionString) { Host = "127.0.0.1", Port = proxy.Port, Timeout = 3 };
        try
        {
            await using var app = await StartAsync(DatabaseKind.Postgres, EveryProvider(new() { ["ConnectionStrings:OmniaKey"] = throughProxy.ConnectionString }));
            using var client = app.CreateClient();
            Assert.Equal("Healthy", StatusOf(await WaitForAsync(client, HttpStatusCode.OK), "database"));

            proxy.Cut();
            var down = await WaitForAsync(client, HttpStatusCode.ServiceUnavailable);
            Assert.Equal("Unhealthy", StatusOf(down, "database"));
            Assert.Equal("Unhealthy", down["status"]!.GetValue<string>());
            Assert.DoesNotContain(proxy.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), down.ToJsonString(), StringComparison.Ordinal);
            var (liveStatus, _) = await GetAsync(client, "/health/live");
            Assert.Equal(HttpStatusCode.OK, liveStatus);

            proxy.Restore();
            var up = await WaitForAsync(client, HttpStatusCode.OK);
            Assert.Equal("Healthy", StatusOf(up, "database"));
        }
        finally
        {
            await TestPostgres.DropDatabaseAsync(name);
        }
    }

    private static Dictionary<string, string?> EveryProvider(Dictionary<string, string?> settings)
    {
        // Channels for the providers the seeded catalogue has besides OpenAI; never called here.
        settings["Upstreams:Anthropic:ApiKey"] = "sk-ant-health";
        settings["Upstreams:Anthropic:BaseUrl"] = "http://127.0.0.1:9";
        settings["Upstreams:Gemini:ApiKey"] = "gemini-health";
        settings["Upstreams:Gemini:BaseUrl"] = "http://127.0.0.1:9";
        return settings;
    }

    private static async Task<OmniaKeyAppFactory> StartAsync(DatabaseKind kind, Dictionary<string, string?> settings)
    {
        var app = new OmniaKeyAppFactory(kind, "http://127.0.0.1:9/v1", "sk-health", settings);
        await app.InitializeAsync();
        return app;
    }

    private static async Task<(HttpStatusCode Status, JsonNode Body)> GetAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
    }

    /// <summary>Polls readiness (its database result is reused for two seconds) until it answers <paramref name="expected"/>.</summary>
    private static async Task<JsonNode> WaitForAsync(HttpClient client, HttpStatusCode expected)
    {
        var until = DateTime.UtcNow + Bound;
        while (true)
        {
            var (status, body) = await GetAsync(client, "/health/ready");
            if (status == expected || DateTime.UtcNow > until)
            {
                Assert.True(status == expected, $"readiness stayed {status}: {body.ToJsonString()}");
                return body;
            }

            await Task.Delay(100);
        }
    }

    private static string StatusOf(JsonNode ready, string check) => ready["entries"]![check]!["status"]!.GetValue<string>();

    private static int ClosedPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
