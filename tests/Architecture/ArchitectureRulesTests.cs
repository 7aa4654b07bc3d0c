using NetArchTest.Rules;
using Xunit;

namespace OmniaKey.ArchitectureTests;

/// <summary>
/// The module rules (docs/architecture.md#module-rules), each run over every module. Dependency rules use
/// NetArchTest (it reads the IL, including lambdas and async state machines); rules about what a type is
/// (handler, validator, event, …) classify types by reflection, see <see cref="TypeInspection"/>.
/// Note: NetArchTest also counts a <c>const string</c> whose value starts with a namespace (e.g. "Stripe:SecretKey")
/// as a dependency on that namespace; keep such configuration keys out of constants where the rule forbids it.
/// </summary>
public sealed class ArchitectureRulesTests
{
    public static TheoryData<string> ModuleNames => new(ModuleCatalog.DiscoveredNames);

    [Fact]
    public void Six_modules_are_discovered_each_with_an_implementation_and_a_contracts_assembly()
    {
        string[] expected =
        [
            .. ModuleCatalog.DiscoveredNames
                .SelectMany(n => new[] { $"{Namespaces.Modules}.{n}", $"{Namespaces.Modules}.{n}{ModuleCatalog.ContractsSuffix}" })
                .Order(StringComparer.Ordinal),
        ];

        Assert.Equal(6, ModuleCatalog.DiscoveredNames.Count);
        Assert.Equal(expected, ModuleCatalog.Assemblies.Select(ModuleCatalog.NameOf));
    }

    [Theory]
    [MemberData(nameof(ModuleNames))]
    public void Module_types_live_in_their_module_namespaces(string name)
    {
        var module = ModuleCatalog.Get(name);
        var implementationTypes = TypeInspection.OwnTypes(module.Implementation).ToList();
        ArchAssert.Selects(implementationTypes, $"{module.Implementation.GetName().Name} types");

        ArchAssert.NoOffenders(
            implementationTypes
                .Where(t => !Namespaces.Contains(module.RootNamespace, t) || Namespaces.Contains(module.ContractsNamespace, t))
                .Select(TypeInspection.Describe),
            $"{name}: the types of {module.Implementation.GetName().Name} live in {module.RootNamespace}.* "
            + $"(but not in {module.ContractsNamespace}).");
        ArchAssert.NoOffenders(
            TypeInspection.OwnTypes(module.Contracts)
                .Where(t => !Namespaces.Contains(module.ContractsNamespace, t))
                .Select(TypeInspection.Describe),
            $"{name}: the types of {module.Contracts.GetName().Name} live in {module.ContractsNamespace}.*.");
    }

    [Fact]
    public void Rule01_Domain_depends_only_on_System_and_itself()
    {
        const string Rule = "Rule 1: OmniaKey.Domain depends only on System* and OmniaKey.Domain.";
        var domain = Types.InAssembly(SharedAssemblies.Domain).That().ResideInNamespace(Namespaces.Domain + ".");
        ArchAssert.Selects(domain, "OmniaKey.Domain types");

        ArchAssert.Passes(
            domain.Should()
                .OnlyHaveDependenciesOn(Namespaces.BaseClassLibrary, Namespaces.Domain, Namespaces.PrivateImplementationDetails)
                .GetResult(),
            Rule);
        ArchAssert.NoOffenders(
            SharedAssemblies.Domain.GetReferencedAssemblies()
                .Select(a => a.Name ?? string.Empty)
                .Where(n => n is not ("netstandard" or "mscorlib") && n != "System" && !n.StartsWith("System.", StringComparison.Ordinal))
                .Select(n => $"OmniaKey.Domain references assembly {n}"),
            Rule);
    }

    [Fact]
    public void Rule02_Application_does_not_depend_on_Infrastructure_Api_Modules_EfCore_Hangfire_or_Stripe()
    {
        const string Rule = "Rule 2: OmniaKey.Application must not depend on Infrastructure, Api, Modules, EF Core, Hangfire or Stripe.";
        string[] forbidden =
        [
            Namespaces.Infrastructure, Namespaces.Api, Namespaces.Modules,
            Namespaces.EntityFrameworkCore, Namespaces.Hangfire, Namespaces.Stripe,
        ];
        var application = Types.InAssembly(SharedAssemblies.Application).That().ResideInNamespace(Namespaces.Application + ".");
        ArchAssert.Selects(application, "OmniaKey.Application types");

        ArchAssert.Passes(application.ShouldNot().HaveDependencyOnAny(forbidden).GetResult(), Rule);
        ArchAssert.DoesNotReference(SharedAssemblies.Application, Rule, forbidden);
    }

    [Fact]
    public void Rule03_Infrastructure_does_not_depend_on_Api_or_Modules()
    {
        const string Rule = "Rule 3: OmniaKey.Infrastructure must not depend on OmniaKey.Api or any module.";
        var infrastructure = Types.InAssembly(SharedAssemblies.Infrastructure).That().ResideInNamespace(Namespaces.Infrastructure + ".");
        ArchAssert.Selects(infrastructure, "OmniaKey.Infrastructure types");

        ArchAssert.Passes(infrastructure.ShouldNot().HaveDependencyOnAny(Namespaces.Api, Namespaces.Modules).GetResult(), Rule);
        ArchAssert.DoesNotReference(SharedAssemblies.Infrastructure, Rule, Namespaces.Api, Namespaces.Modules);
    }

    [Theory]
    [MemberData(nameof(ModuleNames))]
    public void Rule04_Module_domain_depends_on_no_outer_layer_or_framework(string name)
    {
        var module = ModuleCatalog.Get(name);
        string[] forbidden =
        [
            module.ApplicationNamespace, module.InfrastructureNamespace, module.EndpointsNamespace,
            Namespaces.Application, Namespaces.Infrastructure, Namespaces.Api,
            Namespaces.EntityFrameworkCore, Namespaces.MediatR, Namespaces.Hangfire, Namespaces.Stripe, Namespaces.AspNetCore,
        ];

        AssertLayerAvoids(module, module.DomainNamespace, forbidden);
    }

    [Theory]
    [MemberData(nameof(ModuleNames))]
    public void Rule04_Module_application_depends_on_no_infrastructure_endpoints_or_web_framework(string name)
    {
        var module = ModuleCatalog.Get(name);
        string[] forbidden =
        [
            module.InfrastructureNamespace, module.EndpointsNamespace,
            Namespaces.Infrastructure, Namespaces.Api,
            Namespaces.Hangfire, Namespaces.Stripe, Namespaces.AspNetCore,
        ];

        AssertLayerAvoids(module, module.ApplicationNamespace, forbidden);
    }

    [Theory]
    [MemberData(nameof(ModuleNames))]
    public void Rule04_Module_endpoints_depend_on_neither_domain_nor_infrastructure(string name)
    {
        var module = ModuleCatalog.Get(name);

        AssertLayerAvoids(module, module.EndpointsNamespace, [module.DomainNamespace, module.InfrastructureNamespace]);
    }

    [Theory]
    [MemberData(nameof(ModuleNames))]
    public void Rule05_Module_reaches_other_modules_only_through_their_contracts(string name)
    {
        var module = ModuleCatalog.Get(name);
        var others = ModuleCatalog.Others(name).ToList();
        string[] internalsOfOthers = [.. others.SelectMany(InternalNamespacesAndTypes).Distinct(StringComparer.Ordinal)];
        var rule = $"Rule 5 ({name}): other modules are reached only through their .Contracts, never through their "
            + "Domain, Application, Infrastructure, Endpoints or <Name>Module.";

        ArchAssert.Passes(Types.InAssemblies(module.Assemblies).ShouldNot().HaveDependencyOnAny(internalsOfOthers).GetResult(), rule);
        foreach (var assembly in module.Assemblies)
        {
            ArchAssert.NoOffenders(
                assembly.GetReferencedAssemblies()
                    .Select(a => a.Name)
                    .Where(n => others.Any(o => n == ModuleCatalog.NameOf(o.Implementation)))
                    .Select(n => $"{ModuleCatalog.NameOf(assembly)} references assembly {n}"),
                rule);
        }
    }

    [Theory]
    [MemberData(nameof(ModuleNames))]
    public void Rule06_Contracts_depend_only_on_System_shared_abstractions_and_themselves(string name)
    {
        var module = ModuleCatalog.Get(name);
        var rule = $"Rule 6 ({name}): {module.ContractsNamespace} depends only on System*, OmniaKey.Application, "
            + "OmniaKey.Domain (Money and other building blocks), MediatR (our ICommand/IQuery derive from IRequest) "
            + "and itself.";

        // A module may legitimately publish nothing yet, so an empty contracts assembly is allowed here.
        var contracts = Types.InAssembly(module.Contracts).That().ResideInNamespace(module.ContractsNamespace + ".");
        ArchAssert.Passes(
            contracts.Should()
                .OnlyHaveDependenciesOn(
                    Namespaces.BaseClassLibrary,
                    Namespaces.Application,
                    Namespaces.Domain,
                    Namespaces.MediatR,
                    module.ContractsNamespace,
                    Namespaces.PrivateImplementationDetails)
                .GetResult(),
            rule);
        ArchAssert.NoOffenders(
            module.Contracts.GetReferencedAssemblies()
                .Select(a => a.Name ?? string.Empty)
                .Where(n => n is not ("netstandard" or "mscorlib" or "System" or Namespaces.Application or Namespaces.Domain or Namespaces.MediatR)
                    && !n.StartsWith("System.", StringComparison.Ordinal))
                .Select(n => $"{ModuleCatalog.NameOf(module.Contracts)} references assembly {n}"),
            rule);
    }

    [Theory]
    [MemberData(nameof(ModuleNames))]
    public void Rule06_Integration_events_are_declared_in_contracts_and_immutable(string name)
    {
        var module = ModuleCatalog.Get(name);

        // Modules that publish no integration events legitimately select nothing; the checker itself is
        // proven by Immutability_check_tells_init_only_from_settable_members.
        ArchAssert.NoOffenders(
            TypeInspection.OwnTypes(module.Implementation)
                .Where(TypeInspection.IsIntegrationEvent)
                .Select(TypeInspection.Describe),
            $"Rule 6 ({name}): integration events are declared in {module.ContractsNamespace}, not in the module.");
        ArchAssert.NoOffenders(
            TypeInspection.OwnTypes(module.Contracts)
                .Where(TypeInspection.IsIntegrationEvent)
                .SelectMany(t => TypeInspection.MutableMembers(t).Select(why => $"{TypeInspection.Describe(t)}: {why}")),
            $"Rule 6 ({name}): integration events are immutable (get-only or init-only properties, read-only fields, "
            + "no arrays or mutable collections).");
    }

    [Fact]
    public void Immutability_check_tells_init_only_from_settable_members()
    {
        Assert.Empty(TypeInspection.MutableMembers(typeof(ImmutableSample)));
        Assert.Equal(
            ["property Name has a setter", "property Tags is a mutable String[]", "field count is not read-only"],
            TypeInspection.MutableMembers(typeof(MutableSample)));
    }

    [Theory]
    [MemberData(nameof(ModuleNames))]
    public void Rule07_Only_the_module_class_migrations_and_compiled_models_are_public(string name)
    {
        var module = ModuleCatalog.Get(name);
        var moduleClass = module.Implementation.GetType(module.ModuleClassFullName);

        Assert.True(
            moduleClass is { IsPublic: true, IsAbstract: true, IsSealed: true },
            $"Rule 7 ({name}): {module.ModuleClassFullName} must exist and be a public static class.");
        ArchAssert.NoOffenders(
            TypeInspection.OwnTypes(module.Implementation)
                .Where(t => t.IsVisible && t != moduleClass
                    && !Namespaces.Contains(module.MigrationsNamespace, t) && !Namespaces.Contains(module.CompiledModelsNamespace, t))
                .Select(TypeInspection.Describe),
            $"Rule 7 ({name}): module types are internal; only {module.ModuleClassFullName}, the EF migrations in "
            + $"{module.MigrationsNamespace}.* and the compiled models in {module.CompiledModelsNamespace}.* may be public.");
    }

    [Theory]
    [MemberData(nameof(ModuleNames))]
    public void Rule07_Handlers_validators_jobs_and_DbContexts_are_sealed(string name)
    {
        var module = ModuleCatalog.Get(name);
        var types = module.OwnTypes;

        // Every module handles commands or queries and owns tables; abstract per-module DbContext bases are
        // allowed because only concrete (per-provider) contexts are selected.
        ArchAssert.SelectsUnlessGrowing(name, types.Where(TypeInspection.IsHandler), $"{name}: command and query handlers");
        ArchAssert.Selects(types.Where(TypeInspection.IsDbContext), $"{name}: concrete DbContexts");
        ArchAssert.NoOffenders(
            types
                .Where(t => TypeInspection.IsHandler(t)
                    || TypeInspection.IsValidator(t)
                    || TypeInspection.IsDbContext(t)
                    || TypeInspection.IsJob(t, module))
                .Where(t => t.IsClass && !t.IsSealed)
                .Select(TypeInspection.Describe),
            $"Rule 7 ({name}): handlers, validators, jobs and DbContexts are sealed.");
    }

    [Theory]
    [MemberData(nameof(ModuleNames))]
    public void Rule08_Names_say_what_a_type_is(string name)
    {
        var module = ModuleCatalog.Get(name);
        var types = module.OwnTypes;
        (Func<Type, bool> Is, string Kind, string Suffix)[] conventions =
        [
            (TypeInspection.IsCommandHandler, "ICommandHandler", "CommandHandler"),
            (TypeInspection.IsQueryHandler, "IQueryHandler", "QueryHandler"),
            (TypeInspection.IsValidator, "AbstractValidator", "Validator"),
            (TypeInspection.IsDomainEvent, "IDomainEvent", "DomainEvent"),
            (TypeInspection.IsIntegrationEvent, "IIntegrationEvent", "IntegrationEvent"),
            (TypeInspection.IsBusinessRule, "IBusinessRule", "Rule"),
            (t => TypeInspection.IsJob(t, module), "a job in " + module.JobsNamespace, "Job"),
        ];

        ArchAssert.SelectsUnlessGrowing(name, types.Where(TypeInspection.IsHandler), $"{name}: command and query handlers");
        ArchAssert.NoOffenders(
            conventions.SelectMany(c => types
                .Where(c.Is)
                .Where(t => !TypeInspection.SimpleName(t).EndsWith(c.Suffix, StringComparison.Ordinal))
                .Select(t => $"{TypeInspection.Describe(t)} ({c.Kind}) should end with {c.Suffix}")),
            $"Rule 8 ({name}): names say what a type is.");
    }

    [Theory]
    [MemberData(nameof(ModuleNames))]
    public void Rule09_Module_handlers_implement_our_interfaces_not_MediatR_directly(string name)
    {
        var module = ModuleCatalog.Get(name);

        AssertNoDirectMediatRHandlers(module.OwnTypes, $"Rule 9 ({name})");
    }

    [Fact]
    public void Rule09_Shared_assemblies_implement_no_MediatR_handler_directly()
    {
        AssertNoDirectMediatRHandlers(
            new[] { SharedAssemblies.Application, SharedAssemblies.Infrastructure, SharedAssemblies.Api }.SelectMany(TypeInspection.OwnTypes),
            "Rule 9 (shared assemblies)");
    }

    [Theory]
    [MemberData(nameof(ModuleNames))]
    public void Rule10_Module_uses_Stripe_only_in_Billing_infrastructure_and_Hangfire_only_in_jobs(string name)
    {
        var module = ModuleCatalog.Get(name);
        const string BillingInfrastructure = Namespaces.Modules + ".Billing.Infrastructure";

        ArchAssert.Passes(
            Types.InAssemblies(module.Assemblies).That().DoNotResideInNamespace(BillingInfrastructure + ".")
                .ShouldNot().HaveDependencyOn(Namespaces.Stripe).GetResult(),
            $"Rule 10 ({name}): Stripe is referenced only from {BillingInfrastructure}.*.");
        ArchAssert.Passes(
            Types.InAssemblies(module.Assemblies).That().DoNotResideInNamespace(module.JobsNamespace + ".")
                .ShouldNot().HaveDependencyOn(Namespaces.Hangfire).GetResult(),
            $"Rule 10 ({name}): Hangfire is referenced only from OmniaKey.Infrastructure.* and {module.JobsNamespace}.*.");
    }

    [Fact]
    public void Rule10_Shared_assemblies_use_Stripe_never_and_Hangfire_only_in_Infrastructure()
    {
        ArchAssert.Passes(
            Types.InAssemblies([SharedAssemblies.Domain, SharedAssemblies.Application, SharedAssemblies.Infrastructure, SharedAssemblies.Api])
                .ShouldNot().HaveDependencyOn(Namespaces.Stripe).GetResult(),
            "Rule 10: Stripe is referenced only from Billing's infrastructure, never from Domain, Application, Infrastructure or Api.");
        ArchAssert.Passes(
            Types.InAssemblies([SharedAssemblies.Domain, SharedAssemblies.Application, SharedAssemblies.Api])
                .ShouldNot().HaveDependencyOn(Namespaces.Hangfire).GetResult(),
            "Rule 10: Hangfire is referenced only from OmniaKey.Infrastructure (the Api sets Hangfire up through it).");
    }

    private static void AssertLayerAvoids(ModuleUnderTest module, string layerNamespace, string[] forbidden)
    {
        var layer = Types.InAssembly(module.Implementation).That().ResideInNamespace(layerNamespace + ".");
        ArchAssert.SelectsUnlessGrowing(module.Name, layer.GetTypes(), $"{module.Name}: {layerNamespace}");

        ArchAssert.Passes(
            layer.ShouldNot().HaveDependencyOnAny(forbidden).GetResult(),
            $"Rule 4 ({module.Name}): {layerNamespace} must not depend on {string.Join(", ", forbidden)}.");
    }

    private static void AssertNoDirectMediatRHandlers(IEnumerable<Type> types, string rule) =>
        ArchAssert.NoOffenders(
            types
                .Where(t => TypeInspection.DirectMediatRHandlerInterfaces(t).Any())
                .Select(TypeInspection.Describe),
            $"{rule}: nothing implements MediatR's IRequestHandler directly; implement ICommandHandler or IQueryHandler.");

    /// <summary>
    /// What other modules must not touch: the namespaces of a module's implementation assembly, and for types in its
    /// root namespace (where <c>.Contracts</c> also lives) the type names themselves.
    /// </summary>
    private static IEnumerable<string> InternalNamespacesAndTypes(ModuleUnderTest module) =>
        TypeInspection.OwnTypes(module.Implementation)
            .Where(t => !t.IsNested && Namespaces.Contains(module.RootNamespace, t))
            .Select(t => t.Namespace == module.RootNamespace ? TypeInspection.Describe(t) : t.Namespace!)
            .Concat([module.DomainNamespace, module.ApplicationNamespace, module.InfrastructureNamespace, module.EndpointsNamespace]);

    private sealed record ImmutableSample(string Name, IReadOnlyList<string> Tags)
    {
        public int Length { get; init; }

        public string Upper => Name.ToUpperInvariant();
    }

    private sealed class MutableSample
    {
        private int count;

        public string Name { get; set; } = string.Empty;

        public string[] Tags { get; } = [];

        public int Count => count++;
    }
}
