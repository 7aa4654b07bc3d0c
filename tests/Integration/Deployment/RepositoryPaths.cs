using System.Reflection;

namespace OmniaKey.IntegrationTests.Deployment;

/// <summary>
/// Where the deployment tests find the repository and the programs they start: paths the test project's build writes
/// into this assembly (see OmniaKey.IntegrationTests.csproj), so they hold from a clean clone after
/// <c>dotnet test OmniaKey.sln</c> in any configuration.
/// </summary>
internal static class RepositoryPaths
{
    public static string Root => Metadata("OmniaKey.Repository.Root");

    /// <summary>The API's own build output (OmniaKey.Api.dll with its deps.json and runtimeconfig.json).</summary>
    public static string ApiDll => Path.Combine(Metadata("OmniaKey.Api.Output"), "OmniaKey.Api.dll");

    public static string BalancerDll => Path.Combine(Metadata("OmniaKey.Balancer.Output"), "OmniaKey.Balancer.dll");

    public static string ComposeFile => Path.Combine(Root, "deploy", "compose.yaml");

    private static string Metadata(string key)
    {
        var value = typeof(RepositoryPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value
            ?? throw new InvalidOperationException($"The test assembly has no {key}.");
        return Path.GetFullPath(value);
    }
}
