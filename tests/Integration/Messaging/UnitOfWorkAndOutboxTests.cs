using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using OmniaKey.Application.Messaging;
using OmniaKey.Infrastructure.Messaging;
using OmniaKey.IntegrationTests.Infrastructure;
using OmniaKey.Modules.Accounts.Infrastructure.Persistence;
using OmniaKey.Modules.Billing.Infrastructure.Persistence;
using Xunit;

namespace OmniaKey.IntegrationTests.Messaging;

/// <summary>
/// One transaction per command across two modules' contexts, and the outbox: stored with the change, delivered
/// with retries, each handler's effect exactly once, and nothing lost when the process that committed it stops.
/// The outbox worker is off and the clock is fake, so the test decides when deliveries happen.
/// </summary>
public abstract class UnitOfWorkAndOutboxTests(DatabaseKind kind) : IAsyncLifetime
{
    private const string Unreachable = "http://127.0.0.1:9";

    private readonly ProbeLog log = new();
    private readonly FakeTimeProvider clock = new(DateTimeOffset.UtcNow);
    private OmniaKeyAppFactory app = null!;

    public async Task InitializeAsync()
    {
        app = CreateApp(deliverImmediately: true);
        await app.InitializeAsync();
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task A_command_writes_both_module_contexts_in_one_transaction()
    {
        await SendAsync(app, new TwoModuleProbeCommand("both@example.com", Guid.NewGuid()));

        Assert.True(log.SameTransaction);
        Assert.Equal(1, await CountAccountsAsync(app, "both@example.com"));
        Assert.Equal(1, await CountBalancesAsync(app));
    }

    [Fact]
    public async Task A_failure_in_the_second_context_rolls_back_the_first_and_publishes_nothing()
    {
        var taken = Guid.NewGuid();
        await SendAsync(app, new TwoModuleProbeCommand("first@example.com", taken));

        // Accounts saves first and succeeds; Billing's duplicate balance row then fails: nothing of this command stays.
        await Assert.ThrowsAsync<DbUpdateException>(() => SendAsync(app, new TwoModuleProbeCommand("second@example.com", taken)));

        Assert.Equal(0, await CountAccountsAsync(app, "second@example.com"));
        Assert.Equal(1, await CountBalancesAsync(app));
        var messages = await OutboxAsync(app);
        Assert.Single(messages);
        Assert.Contains("first@example.com", messages[0].Payload, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_handler_that_fails_twice_is_retried_and_every_handler_takes_effect_exactly_once()
    {
        log.FailuresBeforeSuccess = 2;

        // Delivered right after the commit: the flaky handler fails (its account rolls back), the other succeeds.
        await SendAsync(app, new TwoModuleProbeCommand("retry@example.com", Guid.NewGuid()));
        var message = Assert.Single(await OutboxAsync(app));
        Assert.Equal((1, (DateTimeOffset?)null), (message.Attempts, message.ProcessedAt));
        Assert.Contains("Probe failure 1", message.LastError, StringComparison.Ordinal);

        // Not due before its retry delay has passed.
        var processor = app.Services.GetRequiredService<OutboxProcessor>();
        Assert.Equal(0, await processor.DeliverDueAsync(CancellationToken.None));

        clock.Advance(OutboxOptions.RetryDelay(1));
        Assert.Equal(1, await processor.DeliverDueAsync(CancellationToken.None));
        Assert.Equal(2, (await OutboxAsync(app))[0].Attempts);

        clock.Advance(OutboxOptions.RetryDelay(2));
        Assert.Equal(1, await processor.DeliverDueAsync(CancellationToken.None));

        message = Assert.Single(await OutboxAsync(app));
        Assert.NotNull(message.ProcessedAt);
        Assert.Equal(3, log.FlakyCalls);
        Assert.Equal(1, await CountAccountsAsync(app, "effect-"));
        Assert.Equal(1, await CountAccountsAsync(app, "effect-3-"));
        Assert.Equal(1, log.CountingCalls);
        Assert.Equal(2, await InboxCountAsync(app, message.Id));

        // Once processed, a message is never delivered again.
        clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(0, await processor.DeliverDueAsync(CancellationToken.None));
    }

    [Fact]
    public async Task An_event_committed_just_before_the_process_stops_is_delivered_after_the_restart()
    {
        // The first process commits the event but never delivers it (no immediate delivery, no worker): it "stops".
        await using var stopping = CreateApp(deliverImmediately: false, shareDatabaseOf: app);
        await stopping.InitializeAsync();
        await SendAsync(stopping, new TwoModuleProbeCommand("restart@example.com", Guid.NewGuid()));
        Assert.Null(Assert.Single(await OutboxAsync(app)).ProcessedAt);
        Assert.Equal(0, log.CountingCalls);

        // The next process's outbox sweep finds and delivers it.
        await using var restarted = CreateApp(deliverImmediately: false, shareDatabaseOf: app);
        await restarted.InitializeAsync();
        Assert.Equal(1, await restarted.Services.GetRequiredService<OutboxProcessor>().DeliverDueAsync(CancellationToken.None));

        Assert.NotNull(Assert.Single(await OutboxAsync(app)).ProcessedAt);
        Assert.Equal(1, log.CountingCalls);
        Assert.Equal(1, await CountAccountsAsync(app, "effect-"));
    }

    private OmniaKeyAppFactory CreateApp(bool deliverImmediately, OmniaKeyAppFactory? shareDatabaseOf = null) => new(
        kind,
        Unreachable,
        "sk-unused",
        new Dictionary<string, string?>
        {
            ["Outbox:DeliverImmediately"] = deliverImmediately.ToString(),
            ["Outbox:Worker:Enabled"] = "false",
        },
        services =>
        {
            services.AddSingleton<TimeProvider>(clock);
            ProbeLog.Register(services, log);
        },
        shareDatabaseOf);

    private static async Task SendAsync(OmniaKeyAppFactory app, ICommand command)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IDispatcher>().Send(command);
    }

    private static async Task<T> WithScopeAsync<T>(OmniaKeyAppFactory app, Func<IServiceProvider, Task<T>> read)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await read(scope.ServiceProvider);
    }

    private static Task<int> CountAccountsAsync(OmniaKeyAppFactory app, string emailPrefix) =>
        WithScopeAsync(app, sp => sp.GetRequiredService<AccountsDbContext>().Accounts.CountAsync(a => a.Email.StartsWith(emailPrefix)));

    private static Task<int> CountBalancesAsync(OmniaKeyAppFactory app) =>
        WithScopeAsync(app, sp => sp.GetRequiredService<BillingDbContext>().Balances.CountAsync());

    private static Task<List<OutboxMessage>> OutboxAsync(OmniaKeyAppFactory app) =>
        WithScopeAsync(app, sp => sp.GetRequiredService<MessagingDbContext>().OutboxMessages.AsNoTracking().ToListAsync());

    private static Task<int> InboxCountAsync(OmniaKeyAppFactory app, Guid eventId) =>
        WithScopeAsync(app, sp => sp.GetRequiredService<MessagingDbContext>().InboxMessages.CountAsync(m => m.EventId == eventId));
}

public sealed class SqliteUnitOfWorkAndOutboxTests() : UnitOfWorkAndOutboxTests(DatabaseKind.Sqlite);

public sealed class PostgresUnitOfWorkAndOutboxTests() : UnitOfWorkAndOutboxTests(DatabaseKind.Postgres);
