using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using OmniaKey.Application;
using OmniaKey.Application.Messaging;
using OmniaKey.Infrastructure.Email;
using OmniaKey.Infrastructure.Jobs;
using OmniaKey.Infrastructure.Persistence;
using OmniaKey.Infrastructure.Security;
using OmniaKey.Modules.Accounts;
using OmniaKey.Modules.Billing;
using OmniaKey.Modules.Compliance;
using OmniaKey.Modules.Keys;
using OmniaKey.Modules.Policies;

namespace OmniaKey.UnitTests.Support;

/// <summary>
/// The application layer of the Accounts, Keys, Billing, Policies and Compliance modules without HTTP: the real module
/// registrations, the real pipeline (logging → validation → unit of work) and the real DbContexts, on one fresh
/// SQLite in-memory database per host (migrated and seeded like the app does at start-up). The clock is fake.
/// </summary>
internal sealed class ModuleTestHost : IAsyncDisposable
{
    /// <summary>After the seeded Terms version (2026-05-30) took effect, so sign-up works.</summary>
    public static readonly DateTimeOffset Start = new(2026, 6, 15, 9, 30, 0, TimeSpan.Zero);

    // A named, shared-cache in-memory database lives as long as one connection to it is open.
    private readonly SqliteConnection keepAlive;
    private readonly string dataDirectory;

    private ModuleTestHost(SqliteConnection keepAlive, string dataDirectory, ServiceProvider services, FakeTimeProvider clock)
    {
        this.keepAlive = keepAlive;
        this.dataDirectory = dataDirectory;
        Services = services;
        Clock = clock;
    }

    public ServiceProvider Services { get; }

    public FakeTimeProvider Clock { get; }

    /// <param name="configure">Last-minute service changes, e.g. a decorator that observes a collaborator.</param>
    public static async Task<ModuleTestHost> StartAsync(Action<IServiceCollection>? configure = null)
    {
        var connectionString = $"Data Source=omniakey-unit-{Guid.NewGuid():N};Mode=Memory;Cache=Shared";
        var keepAlive = new SqliteConnection(connectionString);
        await keepAlive.OpenAsync();

        var dataDirectory = Path.Combine(Path.GetTempPath(), "omniakey-unit", Guid.NewGuid().ToString("N"));
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Database:Provider"] = "Sqlite",
                ["ConnectionStrings:OmniaKey"] = connectionString,
                ["Jobs:Storage"] = "InMemory",
                ["Jobs:Server:Enabled"] = "false",
            })
            .Build();
        var clock = new FakeTimeProvider(Start);

        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(clock);
        services.AddApplication();
        services.AddSecurity(configuration, dataDirectory);
        services.AddPersistence(configuration, dataDirectory);
        services.AddJobs(configuration, DatabaseOptions.FromConfiguration(configuration, dataDirectory));
        services.AddEmail(configuration);
        services.AddAccountsModule(configuration);
        services.AddKeysModule(configuration);
        services.AddBillingModule(configuration);
        services.AddPoliciesModule(configuration);
        services.AddComplianceModule(configuration);
        configure?.Invoke(services);
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });

        // The app's own start-up step: migrate every module's schema, then seed (the current Terms).
        foreach (var hosted in provider.GetServices<IHostedService>().OfType<DatabaseMigrator>())
        {
            await hosted.StartAsync(CancellationToken.None);
        }

        return new ModuleTestHost(keepAlive, dataDirectory, provider, clock);
    }

    /// <summary>Sends a command through the whole pipeline in its own scope, as one HTTP request would.</summary>
    public async Task<TResult> SendAsync<TResult>(ICommand<TResult> command)
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IDispatcher>().Send(command);
    }

    public async Task SendAsync(ICommand command)
    {
        await using var scope = Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IDispatcher>().Send(command);
    }

    public async Task<TResult> QueryAsync<TResult>(IQuery<TResult> query)
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IDispatcher>().Query(query);
    }

    /// <summary>Reads what a module stored, through its own DbContext in a fresh scope (nothing cached).</summary>
    public async Task<TResult> ReadAsync<TContext, TResult>(Func<TContext, Task<TResult>> read)
        where TContext : DbContext
    {
        await using var scope = Services.CreateAsyncScope();
        return await read(scope.ServiceProvider.GetRequiredService<TContext>());
    }

    /// <summary>Runs <paramref name="use"/> with a service from a fresh scope (e.g. the hot-path authenticators).</summary>
    public async Task<TResult> WithServiceAsync<TService, TResult>(Func<TService, Task<TResult>> use)
        where TService : notnull
    {
        await using var scope = Services.CreateAsyncScope();
        return await use(scope.ServiceProvider.GetRequiredService<TService>());
    }

    /// <summary>Every text value of every row of <paramref name="table"/>, read with plain SQL.</summary>
    public async Task<IReadOnlyList<string>> ReadAllTextAsync(string table)
    {
        await using var command = keepAlive.CreateCommand();
        command.CommandText = $"SELECT * FROM \"{table}\"";
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<string>();
        while (await reader.ReadAsync())
        {
            for (var i = 0; i < reader.FieldCount; i++)
            {
                if (!await reader.IsDBNullAsync(i))
                {
                    values.Add(Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty);
                }
            }
        }

        return values;
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        await keepAlive.DisposeAsync();
        try
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Only the Data Protection key ring of a test; litter in the temp directory at worst.
        }
    }
}
