using System.Reflection;
using Mono.Cecil;
using Mono.Cecil.Cil;
using OmniaKey.Infrastructure.Persistence;
using Xunit;

namespace OmniaKey.ArchitectureTests;

/// <summary>
/// One way to commit (docs/architecture.md, "One transaction per command"): only the unit of work saves, opens or
/// commits transactions. The named exceptions are the hot path's per-call reservation store and the group commit's
/// batch executors, which run their own short transactions outside the pipeline, and the start-up data seeders, which
/// run outside any command. The rule reads the IL of every method (lambdas and async state machines included) for
/// calls to the forbidden members.
/// </summary>
public sealed class CommitRulesTests
{
    private const string UnitOfWorkContract = "OmniaKey.Application.Abstractions.IUnitOfWork";

    private static readonly (string DeclaringType, string MethodPrefix)[] Forbidden =
    [
        ("Microsoft.EntityFrameworkCore.DbContext", "SaveChanges"),
        ("Microsoft.EntityFrameworkCore.Infrastructure.DatabaseFacade", "BeginTransaction"),
        ("Microsoft.EntityFrameworkCore.Infrastructure.DatabaseFacade", "CommitTransaction"),
        ("Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions", "BeginTransaction"),
        ("Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions", "UseTransaction"),
        ("Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction", "Commit"),
        ("System.Data.Common.DbConnection", "BeginTransaction"),
        ("System.Data.Common.DbTransaction", "Commit"),
        (UnitOfWorkContract, "RunAsync"),
    ];

    /// <summary>The named places, by type name; each must really commit, or its exemption is stale.</summary>
    private static readonly string[] ModuleExemptions =
    [
        "OmniaKey.Modules.Billing.Infrastructure.Balances.SingleCallReservations",

        // A balance lease's steps (docs/adr/0048-balance-leases.md): taken, given back, a lent hold settled alone or
        // moved to a reservation of its own — hot-path money movements outside any command, like the slow path above.
        "OmniaKey.Modules.Billing.Infrastructure.Leases.LeaseStore",

        // The group commit's batch executors (docs/adr/0018-billing-group-commit.md): one transaction per batch of
        // hot-path operations, on their own connection, outside any command. PostgreSQL's needs no explicit
        // transaction (a batch is one implicit transaction), so it is not listed.
        "OmniaKey.Modules.Billing.Infrastructure.GroupCommit.SqliteBatchSql",
        "OmniaKey.Modules.Billing.Infrastructure.GroupCommit.SqlServerBatchSql",
        "OmniaKey.Modules.Routing.Infrastructure.Channels.ConfiguredChannelSeeder",
        "OmniaKey.Modules.Routing.Infrastructure.Persistence.ModelCatalogSeeder",
        "OmniaKey.Modules.Policies.Infrastructure.Persistence.TermsSeeder",
    ];

    [Fact]
    public void Module_code_never_saves_or_commits_outside_the_named_places()
    {
        var offenders = ModuleCatalog.Assemblies
            .SelectMany(Committers)
            .Where(c => !ModuleExemptions.Contains(c.Type))
            .Select(c => $"{c.Type} calls {c.Member}")
            .ToList();

        Assert.True(offenders.Count == 0, "Commit through the unit of work instead:\n" + string.Join('\n', offenders));
    }

    [Fact]
    public void Every_named_exemption_still_commits_on_its_own()
    {
        var committers = ModuleCatalog.Assemblies.SelectMany(Committers).Select(c => c.Type).ToHashSet();

        Assert.All(ModuleExemptions, exemption => Assert.Contains(exemption, committers));
    }

    [Fact]
    public void In_the_shared_infrastructure_only_the_unit_of_work_commits()
    {
        // Running work through the unit of work (the outbox's deliveries do) is how infrastructure should commit.
        var committers = Committers(typeof(DatabaseOptions).Assembly)
            .Where(c => !c.Member.StartsWith(UnitOfWorkContract, StringComparison.Ordinal))
            .Select(c => c.Type)
            .Distinct()
            .ToList();

        Assert.Equal(["OmniaKey.Infrastructure.Persistence.UnitOfWork"], committers);
    }

    /// <summary>Every (outermost declaring type, forbidden member) pair found in the assembly's IL.</summary>
    private static IEnumerable<(string Type, string Member)> Committers(Assembly assembly)
    {
        using var definition = AssemblyDefinition.ReadAssembly(assembly.Location);
        var found = new List<(string, string)>();
        foreach (var type in definition.MainModule.GetTypes())
        {
            foreach (var method in type.Methods.Where(m => m.HasBody))
            {
                foreach (var instruction in method.Body.Instructions)
                {
                    if (instruction.OpCode.FlowControl == FlowControl.Call
                        && instruction.Operand is MethodReference called
                        && IsForbidden(called))
                    {
                        found.Add((Outermost(type).FullName, $"{called.DeclaringType.FullName}.{called.Name}"));
                    }
                }
            }
        }

        return found.Distinct();
    }

    private static bool IsForbidden(MethodReference method) =>
        Forbidden.Any(f => method.DeclaringType.FullName == f.DeclaringType && method.Name.StartsWith(f.MethodPrefix, StringComparison.Ordinal));

    private static TypeDefinition Outermost(TypeDefinition type)
    {
        while (type.DeclaringType is not null)
        {
            type = type.DeclaringType;
        }

        return type;
    }
}
