using System.Reflection;

namespace OmniaKey.LoadTest;

/// <summary>Where this repository and the built Api are, found from this program's own location.</summary>
internal static class Repository
{
    private static readonly Lazy<string> RootDirectory = new(FindRoot);

    /// <summary>The directory of <c>OmniaKey.sln</c>.</summary>
    public static string Root => RootDirectory.Value;

    /// <summary>
    /// The Api's own build output (<c>src/Api/bin/&lt;configuration&gt;/net10.0</c>), which <c>dotnet run</c> of this
    /// project builds first: the Api then runs as it is deployed, with its own runtime configuration (garbage
    /// collector and all) and <c>appsettings.json</c>.
    /// </summary>
    public static string ApiOutput
    {
        get
        {
            var configuration = typeof(Repository).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";
            var framework = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Name;
            var directory = Path.Combine(Root, "src", "Api", "bin", configuration, framework);
            return File.Exists(Path.Combine(directory, "OmniaKey.Api.dll"))
                ? directory
                : throw new InvalidOperationException($"OmniaKey.Api.dll not found in {directory}; build with dotnet build benchmarks/load/OmniaKey.LoadTest -c {configuration}");
        }
    }

    private static string FindRoot()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "OmniaKey.sln")))
                {
                    return directory.FullName;
                }
            }
        }

        throw new InvalidOperationException("Run the load test from inside the OmniaKey repository (OmniaKey.sln not found).");
    }
}
