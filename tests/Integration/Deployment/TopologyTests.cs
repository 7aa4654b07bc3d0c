using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Npgsql;
using OmniaKey.IntegrationTests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace OmniaKey.IntegrationTests.Deployment;

/// <summary>
/// The topology of deploy/compose.yaml without Docker (docs/deployment.md): two OmniaKey instances and the YARP
/// balancer as real processes (their own build outputs, run with <c>dotnet</c>), one PostgreSQL database, the key-ring
/// certificate, instances that trust only the balancer, and a fake OpenAI upstream on loopback. A customer signs up,
/// gets a key and calls <c>/v1</c> through the balancer, and the calls land on both instances; one instance dies and
/// calls keep working on the other. Every process is killed on dispose, pass or fail.
/// </summary>
public sealed class TopologyTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string AdminToken = "topology-admin-token-0123456789abcdefghijkl";
    private const string CertificatePassword = "topology-certificate-password";
    private static readonly TimeSpan StartWithin = TimeSpan.FromSeconds(40);

    private readonly string database = "omniakey_topology_" + Guid.NewGuid().ToString("N");
    private readonly string work = Path.Combine(Path.GetTempPath(), "omniakey-topology", Guid.NewGuid().ToString("N"));
    private readonly List<ServiceProcess> processes = [];
    private FakeOpenAiServer upstream = null!;
    private string connectionString = null!;
    private int failoverSuccesses;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Path.Combine(work, "data"));
        upstream = await FakeOpenAiServer.StartNewAsync();
        connectionString = await TestPostgres.CreateDatabaseAsync(database);
        WriteCertificate(Path.Combine(work, "dataprotection.pfx"));
    }

    public async Task DisposeAsync()
    {
        foreach (var process in processes)
        {
            process.Dispose();
        }

        await upstream.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        try
        {
            await TestPostgres.DropDatabaseAsync(database);
        }
        catch (NpgsqlException)
        {
            // Clean-up only.
        }

        try
        {
            Directory.Delete(work, recursive: true);
        }
        catch (IOException)
        {
            // Litter in the temp directory at worst.
        }
    }

    [Fact]
    public async Task Calls_through_the_balancer_reach_both_instances_and_survive_losing_one()
    {
        // The instances one at a time, as a rolling deployment starts them (the first migrates the database and seeds
        // the channel); the balancer meanwhile, on ports chosen up front.
        var a = StartInstance("omniakey-a");
        var b = StartInstance("omniakey-b", start: false);
        var balancer = Start("balancer", RepositoryPaths.BalancerDll, new Dictionary<string, string>
        {
            ["ReverseProxy__Clusters__omniakey__Destinations__a__Address"] = a.BaseAddress.ToString(),
            ["ReverseProxy__Clusters__omniakey__Destinations__b__Address"] = b.BaseAddress.ToString(),
            ["ReverseProxy__Clusters__omniakey__HealthCheck__Active__Interval"] = "00:00:01",
            ["ReverseProxy__Clusters__omniakey__HealthCheck__Active__Timeout"] = "00:00:02",
        });
        await a.WaitUntilAsync("/health/ready", StartWithin);
        b.Start();
        await b.WaitUntilAsync("/health/ready", StartWithin);
        await balancer.WaitUntilAsync("/balancer/health", StartWithin);

        using var anonymous = new HttpClient { BaseAddress = balancer.BaseAddress };
        var (accountId, accessToken) = await anonymous.SignUpAndLogInAsync(ApiClientExtensions.NewEmail("topology"));
        using var customer = Bearer(balancer, accessToken);
        using var admin = Bearer(balancer, AdminToken);
        await admin.CreditAsync(accountId, "10");
        using var api = Bearer(balancer, await customer.CreateApiKeyAsync("topology"));

        for (var i = 0; i < 6; i++)
        {
            await AssertCallSucceedsAsync(api);
        }

        Assert.True(CallsProxiedTo(balancer, a) > 0, "no call reached instance a:\n" + balancer.Output);
        Assert.True(CallsProxiedTo(balancer, b) > 0, "no call reached instance b:\n" + balancer.Output);
        Assert.Equal(2, await HangfireServersAsync());
        output.WriteLine($"before the failure: {CallsProxiedTo(balancer, a)} calls on a, {CallsProxiedTo(balancer, b)} on b");

        b.Kill();

        // The balancer notices within its probe interval (1 s here); until then a call routed to the dead instance
        // gets 502 from the balancer. Then every call is served by the survivor.
        await WaitForFailoverAsync(api);
        var onB = CallsProxiedTo(balancer, b);
        for (var i = 0; i < 6; i++)
        {
            await AssertCallSucceedsAsync(api);
        }

        output.WriteLine($"after the failure: {CallsProxiedTo(balancer, a)} calls on a, {CallsProxiedTo(balancer, b)} on b, {failoverSuccesses} served while failing over");
        Assert.Equal(onB, CallsProxiedTo(balancer, b));
        Assert.Equal(6 + 6, upstream.ChatRequests.Count - failoverSuccesses);
    }

    private ServiceProcess StartInstance(string name, bool start = true) =>
        Start(name, RepositoryPaths.ApiDll, start, new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Database__Provider"] = "Postgres",
            ["ConnectionStrings__OmniaKey"] = connectionString,
            ["Admin__BootstrapToken"] = AdminToken,
            ["Compliance__TrustedProxies"] = "127.0.0.1",
            ["DataProtection__Certificate__Path"] = Path.Combine(work, "dataprotection.pfx"),
            ["DataProtection__Certificate__Password"] = CertificatePassword,
            ["Data__Directory"] = Path.Combine(work, "data"),
            ["Upstreams__OpenAI__BaseUrl"] = upstream.BaseUrl,
            ["Upstreams__OpenAI__ApiKey"] = FakeOpenAiServer.DefaultApiKey,
            ["Logging__LogLevel__Default"] = "Warning",
        });

    private ServiceProcess Start(string name, string dll, Dictionary<string, string> environment) => Start(name, dll, true, environment);

    private ServiceProcess Start(string name, string dll, bool start, Dictionary<string, string> environment)
    {
        Assert.True(File.Exists(dll), $"{dll} is missing: build the solution (dotnet build OmniaKey.sln) first.");
        var process = ServiceProcess.Create(name, dll, environment);
        if (start)
        {
            process.Start();
        }

        processes.Add(process);
        return process;
    }

    private async Task WaitForFailoverAsync(HttpClient api)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        var successesInARow = 0;
        while (successesInARow < 4)
        {
            Assert.True(DateTime.UtcNow < deadline, "the balancer kept routing to the dead instance");
            using var response = await SendCallAsync(api);
            failoverSuccesses += response.StatusCode == HttpStatusCode.OK ? 1 : 0;
            successesInARow = response.StatusCode == HttpStatusCode.OK ? successesInARow + 1 : 0;
            if (response.StatusCode != HttpStatusCode.OK)
            {
                Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
                await Task.Delay(100);
            }
        }
    }

    private static async Task AssertCallSucceedsAsync(HttpClient api)
    {
        using var response = await SendCallAsync(api);
        await response.AssertStatusAsync(HttpStatusCode.OK);
        var body = await response.ReadJsonNodeAsync();
        Assert.Equal("chat.completion", body["object"]!.GetValue<string>());
    }

    private static Task<HttpResponseMessage> SendCallAsync(HttpClient api) =>
        api.PostAsync("/v1/chat/completions", new StringContent(
            """{"model":"gpt-4o","messages":[{"role":"user","content":"Hello"}],"max_tokens":20}""", Encoding.UTF8, "application/json"));

    /// <summary>The balancer logs each forwarded request with its destination URL.</summary>
    private static int CallsProxiedTo(ServiceProcess balancer, ServiceProcess instance)
    {
        var target = $"{instance.BaseAddress}v1/chat/completions";
        var count = 0;
        var text = balancer.Output;
        for (var at = text.IndexOf(target, StringComparison.Ordinal); at >= 0; at = text.IndexOf(target, at + 1, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    /// <summary>Every instance runs a Hangfire server on the shared storage (docs/deployment.md).</summary>
    private async Task<long> HangfireServersAsync()
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT COUNT(*) FROM hangfire.server", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static HttpClient Bearer(ServiceProcess balancer, string token)
    {
        var client = new HttpClient { BaseAddress = balancer.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static void WriteCertificate(string path)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=OmniaKey topology test", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, CertificatePassword));
    }
}
