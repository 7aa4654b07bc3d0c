using System.Reflection;
using Xunit;

namespace OmniaKey.ArchitectureTests;

/// <summary>
/// Finds the modules by reflection: every <c>OmniaKey.Modules.*.dll</c> in the test's output directory (the Api
/// project reference copies them there). A module is <c>OmniaKey.Modules.&lt;Name&gt;</c> plus
/// <c>OmniaKey.Modules.&lt;Name&gt;.Contracts</c>.
/// </summary>
internal static class ModuleCatalog
{
    public const string ContractsSuffix = ".Contracts";

    private const string AssemblyPrefix = Namespaces.Modules + ".";

    private static readonly Lazy<IReadOnlyList<Assembly>> LazyAssemblies = new(LoadModuleAssemblies);

    /// <summary>Every <c>OmniaKey.Modules.*</c> assembly found next to the test assembly, ordered by name.</summary>
    public static IReadOnlyList<Assembly> Assemblies => LazyAssemblies.Value;

    /// <summary>The module names the found assemblies belong to: the one list of modules every rule runs over.</summary>
    public static IReadOnlyList<string> DiscoveredNames =>
    [
        .. Assemblies
            .Select(a => NameOf(a)[AssemblyPrefix.Length..])
            .Select(n => n.EndsWith(ContractsSuffix, StringComparison.Ordinal) ? n[..^ContractsSuffix.Length] : n)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal),
    ];

    public static ModuleUnderTest Get(string name)
    {
        var implementation = Find(AssemblyPrefix + name);
        var contracts = Find(AssemblyPrefix + name + ContractsSuffix);
        Assert.True(
            implementation is not null && contracts is not null,
            $"Module {name}: expected {AssemblyPrefix}{name}.dll and {AssemblyPrefix}{name}{ContractsSuffix}.dll in "
            + $"{AppContext.BaseDirectory}; found: {string.Join(", ", Assemblies.Select(NameOf))}");
        return new ModuleUnderTest(name, implementation, contracts);
    }

    /// <summary>Every module except <paramref name="name"/>.</summary>
    public static IEnumerable<ModuleUnderTest> Others(string name) =>
        DiscoveredNames.Where(n => n != name).Select(Get);

    public static string NameOf(Assembly assembly) => assembly.GetName().Name ?? string.Empty;

    private static Assembly? Find(string assemblyName) =>
        Assemblies.FirstOrDefault(a => NameOf(a) == assemblyName);

    private static List<Assembly> LoadModuleAssemblies() =>
    [
        .. Directory
            .EnumerateFiles(AppContext.BaseDirectory, AssemblyPrefix + "*.dll", SearchOption.TopDirectoryOnly)
            .Select(path => Assembly.Load(AssemblyName.GetAssemblyName(path)))
            .OrderBy(NameOf, StringComparer.Ordinal),
    ];
}
