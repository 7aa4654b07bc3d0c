using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using OmniaKey.Infrastructure.Hardening;
using Xunit;
using Xunit.Abstractions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace OmniaKey.IntegrationTests.Deployment;

/// <summary>
/// deploy/compose.yaml read as YAML (merge keys resolved): the documented topology — PostgreSQL with a health check,
/// two OmniaKey instances that wait for it, the balancer in front of both, probing /health/ready — and settings the
/// app reads, documented, that pass the app's own start-up checks. Where Docker Compose is installed,
/// <c>docker compose config</c> must accept the file too.
/// </summary>
public sealed class ComposeFileTests(ITestOutputHelper output)
{
    private static readonly string[] Instances = ["omniakey-a", "omniakey-b"];

    private static readonly Dictionary<string, string> Variables = new()
    {
        ["POSTGRES_PASSWORD"] = "compose-test-password",
        ["OMNIAKEY_ADMIN_TOKEN"] = new string('t', 40),
        ["OMNIAKEY_DATAPROTECTION_CERT_PASSWORD"] = "compose-test-certificate-password",
        ["OMNIAKEY_UPSTREAM_IDENTITY_KEY"] = Convert.ToBase64String(new byte[32]),
        ["OPENAI_API_KEY"] = "sk-compose-test",
    };

    [Fact]
    public void The_compose_file_runs_postgres_two_instances_and_a_balancer_with_health_checks()
    {
        var services = Map(Load(), "services");
        Assert.Equal(["balancer", "omniakey-a", "omniakey-b", "postgres"], services.Children.Keys.Select(k => k.ToString()).Order());

        var postgres = Map(services, "postgres");
        Assert.Contains("pg_isready", Text(Map(postgres, "healthcheck")["test"]), StringComparison.Ordinal);

        foreach (var name in Instances)
        {
            var instance = Map(services, name);
            Assert.Equal("service_healthy", Scalar(Map(Map(instance, "depends_on"), "postgres"), "condition"));
            var build = Map(instance, "build");
            Assert.True(File.Exists(Path.Combine(Path.GetDirectoryName(RepositoryPaths.ComposeFile)!, Scalar(build, "context"), Scalar(build, "dockerfile"))));
            Assert.Contains(Sequence(instance, "volumes"), v => v.EndsWith(":/data", StringComparison.Ordinal));
        }

        var balancer = Map(services, "balancer");
        Assert.Equal(Instances, Map(balancer, "depends_on").Children.Keys.Select(k => k.ToString()).Order());
        Assert.Contains("--probe", Text(Map(balancer, "healthcheck")["test"]), StringComparison.Ordinal);
        var proxy = Environment(balancer);
        Assert.Equal("/health/ready", proxy["ReverseProxy:Clusters:omniakey:HealthCheck:Active:Path"]);
        Assert.Equal("http://omniakey-a:8080/", proxy["ReverseProxy:Clusters:omniakey:Destinations:a:Address"]);
        Assert.Equal("http://omniakey-b:8080/", proxy["ReverseProxy:Clusters:omniakey:Destinations:b:Address"]);
        var balancerFile = Path.Combine(Path.GetDirectoryName(RepositoryPaths.ComposeFile)!, Scalar(Map(balancer, "build"), "context"), Scalar(Map(balancer, "build"), "dockerfile"));
        Assert.True(File.Exists(balancerFile), balancerFile);
    }

    [Fact]
    public void The_instances_trust_only_the_balancer_and_use_settings_the_app_documents_and_accepts()
    {
        var services = Map(Load(), "services");
        var balancerAddress = Scalar(Map(Map(Map(services, "balancer"), "networks"), "omniakey"), "ipv4_address");
        var documented = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "README.md"))
            + File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "deployment.md"));

        foreach (var name in Instances)
        {
            var settings = Environment(Map(services, name));
            Assert.Equal(balancerAddress, settings["Compliance:TrustedProxies"]);
            Assert.Equal("Postgres", settings["Database:Provider"]);
            Assert.Equal("Production", settings["ASPNETCORE_ENVIRONMENT"]);
            foreach (var key in settings.Keys.Where(k => !k.StartsWith("ASPNETCORE_", StringComparison.Ordinal)))
            {
                Assert.True(documented.Contains($"`{key}`", StringComparison.Ordinal) || documented.Contains($"`{key[..key.LastIndexOf(':')]}:", StringComparison.Ordinal),
                    $"{name} sets {key}, which neither README.md nor docs/deployment.md documents");
            }

            var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings!).Build();
            Assert.Empty(StartupConfiguration.Problems(configuration));
        }
    }

    [Fact]
    public async Task Docker_compose_accepts_the_file_where_it_is_installed()
    {
        var (available, reason) = await RunAsync("docker", "compose version");
        if (available != 0)
        {
            // Docker is optional on a developer's machine and in CI; the structural tests above still run.
            output.WriteLine($"docker compose config skipped: Docker Compose is not available ({reason.Trim()})");
            return;
        }

        var (exitCode, text) = await RunAsync("docker", $"compose -f \"{RepositoryPaths.ComposeFile}\" config --quiet");

        Assert.True(exitCode == 0, text);
    }

    private static YamlMappingNode Load()
    {
        using var reader = new StreamReader(RepositoryPaths.ComposeFile);
        var stream = new YamlStream();
        stream.Load(new MergingParser(new Parser(reader)));
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    /// <summary>A service's environment as configuration keys (<c>__</c> → <c>:</c>), with ${VAR…} filled in.</summary>
    private static Dictionary<string, string> Environment(YamlMappingNode service) =>
        Map(service, "environment").Children.ToDictionary(
            e => e.Key.ToString().Replace("__", ":", StringComparison.Ordinal),
            e => Interpolate(e.Value.ToString()));

    private static string Interpolate(string value)
    {
        foreach (var (name, replacement) in Variables)
        {
            var start = value.IndexOf("${" + name, StringComparison.Ordinal);
            while (start >= 0)
            {
                var end = value.IndexOf('}', start);
                value = string.Concat(value.AsSpan(0, start), replacement, value.AsSpan(end + 1));
                start = value.IndexOf("${" + name, StringComparison.Ordinal);
            }
        }

        return value;
    }

    private static YamlMappingNode Map(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var child) && child is YamlMappingNode map
            ? map
            : throw new Xunit.Sdk.XunitException($"compose.yaml: no mapping '{key}'");

    private static string Scalar(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var child) && child is YamlScalarNode { Value: { } value }
            ? value
            : throw new Xunit.Sdk.XunitException($"compose.yaml: no value '{key}'");

    private static IEnumerable<string> Sequence(YamlMappingNode node, string key) =>
        ((YamlSequenceNode)node[new YamlScalarNode(key)]).Children.Select(c => c.ToString());

    private static string Text(YamlNode node) =>
        node is YamlSequenceNode sequence ? string.Join(' ', sequence.Children.Select(c => c.ToString())) : node.ToString();

    private static async Task<(int ExitCode, string Output)> RunAsync(string program, string arguments)
    {
        var start = new ProcessStartInfo(program, arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (name, value) in Variables)
        {
            start.Environment[name] = value;
        }

        try
        {
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            return (process.ExitCode, await stdout + await stderr);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return (-1, e.Message);
        }
    }
}
