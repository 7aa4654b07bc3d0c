using NetArchTest.Rules;
using Xunit;

namespace OmniaKey.ArchitectureTests;

/// <summary>Assertions whose failure messages name every offending type.</summary>
internal static class ArchAssert
{
    public static void Passes(TestResult result, string rule) =>
        Assert.True(result.IsSuccessful, Describe(rule, result.FailingTypeNames ?? []));

    public static void NoOffenders(IEnumerable<string> offenders, string rule)
    {
        var list = offenders.Distinct(StringComparer.Ordinal).ToList();
        Assert.True(list.Count == 0, Describe(rule, list));
    }

    /// <summary>Guards a rule against passing vacuously because its selection found nothing to check.</summary>
    public static void Selects(PredicateList selection, string what) =>
        Assert.True(
            selection.GetTypes().Any(),
            $"{what}: the selection is empty, so the rule would pass without checking anything.");

    /// <summary>
    /// Modules that do not yet have every layer (none today; a new module starts here as tables only). Remove a module
    /// from here as soon as it gains handlers and endpoints.
    /// </summary>
    public static readonly IReadOnlySet<string> GrowingModules = new HashSet<string>(StringComparer.Ordinal);

    public static void SelectsUnlessGrowing(string module, IEnumerable<Type> selection, string what)
    {
        if (!GrowingModules.Contains(module))
        {
            Selects(selection, what);
        }
    }

    /// <summary>Same guard for a reflection-based selection.</summary>
    public static void Selects(IEnumerable<Type> selection, string what) =>
        Assert.True(
            selection.Any(),
            $"{what}: the selection is empty, so the rule would pass without checking anything.");

    /// <summary>Fails when any referenced assembly name starts with one of <paramref name="forbiddenPrefixes"/>.</summary>
    public static void DoesNotReference(System.Reflection.Assembly assembly, string rule, params string[] forbiddenPrefixes)
    {
        var offenders = assembly.GetReferencedAssemblies()
            .Select(a => a.Name ?? string.Empty)
            .Where(name => forbiddenPrefixes.Any(p => name == p || name.StartsWith(p + ".", StringComparison.Ordinal)));
        NoOffenders(offenders.Select(name => $"{ModuleCatalog.NameOf(assembly)} references assembly {name}"), rule);
    }

    private static string Describe(string rule, IEnumerable<string> offenders) =>
        $"{rule}{Environment.NewLine}Offending types:{Environment.NewLine}  "
        + string.Join(Environment.NewLine + "  ", offenders.Order(StringComparer.Ordinal));
}
