using System.Net;
using System.Net.Sockets;
using OmniaKey.IntegrationTests.Gateway;
using OmniaKey.IntegrationTests.Infrastructure;
using Xunit;

namespace OmniaKey.IntegrationTests.Telemetry;

/// <summary>
/// <c>Telemetry:Prometheus:Port</c>: <c>/metrics</c> moves to a port of its own, answered there without a token and
/// nothing else is; the application's port no longer answers it, even for the admin.
/// </summary>
[Collection(TelemetryRunsAlone.Name)]
public sealed class PrometheusPortTests(MetricsPortFixture fixture) : GatewayTestBase<MetricsPortFixture>(fixture), IClassFixture<MetricsPortFixture>
{
    [Fact]
    public async Task Metrics_are_scraped_on_their_own_port_only()
    {
        await Admin.CreditAsync(AccountId, "5");
        using (var call = await ApiClient().PostAsync("/v1/chat/completions", ChatCompletionsTests<MetricsPortFixture>.Json(ChatCompletionsTests<MetricsPortFixture>.ChatBodyFor(50))))
        {
            await call.AssertStatusAsync(HttpStatusCode.OK);
        }

        using var scraper = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{Fixture.MetricsPort}") };
        using (var scraped = await scraper.GetAsync("/metrics"))
        {
            await scraped.AssertStatusAsync(HttpStatusCode.OK);
            var text = await scraped.Content.ReadAsStringAsync();
            Assert.Contains("omniakey_upstream_time_to_first_byte_seconds", text, StringComparison.Ordinal);
            Assert.Contains("http_server_request_duration_seconds", text, StringComparison.Ordinal);
        }

        using (var other = await scraper.GetAsync("/v1/models"))
        {
            Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        }

        using var onTheAppsPort = await Admin.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.NotFound, onTheAppsPort.StatusCode);
    }
}

/// <summary>The gateway with <c>Telemetry:Prometheus:Port</c> set to a free port.</summary>
public sealed class MetricsPortFixture() : GatewayFixture(DatabaseKind.Sqlite)
{
    public int MetricsPort { get; } = FreePort();

    protected override IReadOnlyDictionary<string, string?>? Settings => new Dictionary<string, string?>
    {
        ["Telemetry:Prometheus:Port"] = MetricsPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>
    /// A port below Linux's ephemeral range (32768 and up) that nothing listens on. A port the kernel hands out for
    /// "any port" comes from the ephemeral range, where another test's outgoing connection may take it before the
    /// metrics server binds it on every address; below that range only listeners could collide.
    /// </summary>
    private static int FreePort()
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var port = Random.Shared.Next(20_000, 32_000);
            try
            {
                using var probe = new TcpListener(IPAddress.IPv6Any, port);
                probe.Server.DualMode = true;
                probe.Start();
                return port;
            }
            catch (SocketException)
            {
                // Taken; try another.
            }
        }

        throw new InvalidOperationException("No free port between 20000 and 32000.");
    }
}
