using System.Reflection;

namespace OmniaKey.ArchitectureTests;

/// <summary>One module: its internal implementation assembly and its public contracts assembly.</summary>
internal sealed record ModuleUnderTest(string Name, Assembly Implementation, Assembly Contracts)
{
    public string RootNamespace => $"{Namespaces.Modules}.{Name}";

    public string ContractsNamespace => $"{RootNamespace}.Contracts";

    public string DomainNamespace => $"{RootNamespace}.Domain";

    public string ApplicationNamespace => $"{RootNamespace}.Application";

    public string InfrastructureNamespace => $"{RootNamespace}.Infrastructure";

    public string EndpointsNamespace => $"{RootNamespace}.Endpoints";

    public string JobsNamespace => $"{InfrastructureNamespace}.Jobs";

    /// <summary>EF Core migrations, one sub-namespace per provider; the tools generate them public.</summary>
    public string MigrationsNamespace => $"{InfrastructureNamespace}.Persistence.Migrations";

    /// <summary>The EF Core compiled models, generated code like the migrations (scripts/optimize-models.sh).</summary>
    public string CompiledModelsNamespace => $"{InfrastructureNamespace}.Persistence.CompiledModels";

    /// <summary>The module's one public entry point: <c>Add&lt;Name&gt;Module</c> / <c>Map&lt;Name&gt;Endpoints</c>.</summary>
    public string ModuleClassFullName => $"{RootNamespace}.{Name}Module";

    public IReadOnlyList<Assembly> Assemblies => [Implementation, Contracts];

    /// <summary>The types of both assemblies that the rules judge (compiler-generated types are left out).</summary>
    public IReadOnlyList<Type> OwnTypes => [.. Assemblies.SelectMany(TypeInspection.OwnTypes)];

    public override string ToString() => Name;
}
