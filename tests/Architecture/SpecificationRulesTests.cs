using Ardalis.Specification;
using Xunit;

namespace OmniaKey.ArchitectureTests;

/// <summary>
/// Where read filters live: every Ardalis specification of a module sits in the module's
/// <c>Infrastructure.Persistence.Specifications</c> namespace, is sealed and is named <c>…Spec</c>, so that a reader
/// finds every reusable filter in one folder per module, and the Domain layer stays free of query plumbing. They run
/// through the one evaluator, <c>OmniaKey.Infrastructure.Persistence.SpecificationEvaluator</c>.
/// </summary>
public sealed class SpecificationRulesTests
{
    [Fact]
    public void Module_specifications_live_in_Infrastructure_Persistence_Specifications_sealed_and_named_Spec()
    {
        var modules = ModuleCatalog.DiscoveredNames.Select(ModuleCatalog.Get).ToList();
        var specifications = modules
            .SelectMany(m => m.OwnTypes.Where(IsSpecification).Select(t => (Module: m, Type: t)))
            .ToList();
        ArchAssert.Selects(specifications.Select(s => s.Type), "Module specifications");

        ArchAssert.NoOffenders(
            specifications
                .Where(s => !Namespaces.Contains(SpecificationsNamespace(s.Module), s.Type)
                    || !s.Type.IsSealed
                    || !TypeInspection.SimpleName(s.Type).EndsWith("Spec", StringComparison.Ordinal))
                .Select(s => $"{TypeInspection.Describe(s.Type)} (expected sealed, named …Spec, in {SpecificationsNamespace(s.Module)})"),
            "Specifications live in <Module>.Infrastructure.Persistence.Specifications, are sealed and end with Spec.");
    }

    [Fact]
    public void The_specification_check_recognises_both_kinds_of_specification()
    {
        Assert.True(IsSpecification(typeof(SampleSpec)));
        Assert.True(IsSpecification(typeof(SampleProjectionSpec)));
        Assert.False(IsSpecification(typeof(string)));
    }

    private static string SpecificationsNamespace(ModuleUnderTest module) => $"{module.InfrastructureNamespace}.Persistence.Specifications";

    private static bool IsSpecification(Type type) =>
        TypeInspection.IsConcrete(type)
        && type.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(ISpecification<>));

    private sealed class SampleSpec : Specification<string>;

    private sealed class SampleProjectionSpec : Specification<string, int>;
}
