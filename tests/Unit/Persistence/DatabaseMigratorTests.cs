using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OmniaKey.Infrastructure.Persistence;
using OmniaKey.Modules.Policies.Infrastructure.Persistence;
using OmniaKey.UnitTests.Support;
using Xunit;

namespace OmniaKey.UnitTests.Persistence;

/// <summary>
/// The start-up migrator checks every module at once and migrates only the modules behind (docs/adr/0023): a restart
/// on an up-to-date database changes nothing, and a module behind is brought up to date and seeded again.
/// </summary>
public sealed class DatabaseMigratorTests
{
    [Fact]
    public async Task A_restart_on_an_up_to_date_database_leaves_every_schema_applied_and_seeds_nothing_twice()
    {
        await using var host = await ModuleTestHost.StartAsync();

        await RestartAsync(host);

        await AssertEverySchemaUpToDateAsync(host);
        Assert.Equal(1, await CountTermsAsync(host));
    }

    [Fact]
    public async Task A_module_behind_is_migrated_and_seeded_again_and_the_others_are_left_alone()
    {
        await using var host = await ModuleTestHost.StartAsync();
        await using (var scope = host.Services.CreateAsyncScope())
        {
            // Back to before its first migration: the policies tables are dropped, the other modules keep theirs.
            await scope.ServiceProvider.GetRequiredService<PoliciesDbContext>().GetService<IMigrator>().MigrateAsync(Migration.InitialDatabase);
            Assert.NotEmpty(await scope.ServiceProvider.GetRequiredService<PoliciesDbContext>().Database.GetPendingMigrationsAsync());
        }

        await RestartAsync(host);

        await AssertEverySchemaUpToDateAsync(host);
        Assert.Equal(1, await CountTermsAsync(host));
    }

    private static async Task RestartAsync(ModuleTestHost host)
    {
        foreach (var migrator in host.Services.GetServices<IHostedService>().OfType<DatabaseMigrator>())
        {
            await migrator.StartAsync(CancellationToken.None);
        }
    }

    private static async Task AssertEverySchemaUpToDateAsync(ModuleTestHost host)
    {
        var modules = host.Services.GetServices<ModuleDatabase>().ToList();
        Assert.NotEmpty(modules);
        foreach (var module in modules)
        {
            await using var scope = host.Services.CreateAsyncScope();
            var context = (DbContext)scope.ServiceProvider.GetRequiredService(module.ContextType);
            Assert.Empty(await context.Database.GetPendingMigrationsAsync());
            Assert.Equal(context.Database.GetMigrations(), await context.Database.GetAppliedMigrationsAsync());
        }
    }

    private static async Task<int> CountTermsAsync(ModuleTestHost host)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PoliciesDbContext>().TermsVersions.CountAsync();
    }
}
