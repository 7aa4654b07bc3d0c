using MediatR;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using OmniaKey.Application.Abstractions;
using OmniaKey.Application.Messaging;
using OmniaKey.Modules.Accounts.Domain.Accounts;
using OmniaKey.Modules.Accounts.Infrastructure.Persistence;
using OmniaKey.Modules.Billing.Domain.Balances;
using OmniaKey.Modules.Billing.Infrastructure.Persistence;

namespace OmniaKey.IntegrationTests.Messaging;

/// <summary>
/// A command that writes through two modules' contexts (an account in Accounts, a balance row in Billing) and
/// publishes a <see cref="ProbeIntegrationEvent"/>; the balance row's account id is chosen by the test, so a duplicate
/// makes the second context's save fail after the first's succeeded.
/// </summary>
internal sealed record TwoModuleProbeCommand(string Email, Guid BalanceAccountId) : ICommand;

internal sealed record ProbeIntegrationEvent(Guid EventId, DateTimeOffset OccurredAt, string Marker) : IIntegrationEvent;

/// <summary>What the probes saw, shared by the test and the app (registered as a singleton).</summary>
internal sealed class ProbeLog
{
    private int flakyCalls;
    private int countingCalls;

    public int FailuresBeforeSuccess { get; set; }

    public bool SameTransaction { get; set; }

    public int FlakyCalls => flakyCalls;

    public int CountingCalls => countingCalls;

    public int NextFlakyCall() => Interlocked.Increment(ref flakyCalls);

    public void CountingCalled() => Interlocked.Increment(ref countingCalls);

    public static void Register(IServiceCollection services, ProbeLog log)
    {
        services.AddSingleton(log);
        services.AddScoped<IRequestHandler<TwoModuleProbeCommand, Unit>, TwoModuleProbeCommandHandler>();
        services.AddScoped<IIntegrationEventHandler<ProbeIntegrationEvent>, FlakyProbeHandler>();
        services.AddScoped<IIntegrationEventHandler<ProbeIntegrationEvent>, CountingProbeHandler>();
    }
}

internal sealed class TwoModuleProbeCommandHandler(
    AccountsDbContext accounts,
    BillingDbContext billing,
    IIntegrationEventPublisher publisher,
    ProbeLog log,
    TimeProvider clock) : ICommandHandler<TwoModuleProbeCommand>
{
    public Task Handle(TwoModuleProbeCommand command, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        accounts.Add(Account.CreateByOperator(command.Email, "US", now));
        billing.Add(new BalanceAccount(command.BalanceAccountId, now));
        log.SameTransaction = accounts.Database.CurrentTransaction is { } first
            && billing.Database.CurrentTransaction is { } second
            && ReferenceEquals(first.GetDbTransaction(), second.GetDbTransaction());
        publisher.Publish(new ProbeIntegrationEvent(Guid.CreateVersion7(now), now, command.Email));
        return Task.CompletedTask;
    }
}

/// <summary>
/// Writes an account (not idempotent: a new row each time it succeeds), then fails its first
/// <see cref="ProbeLog.FailuresBeforeSuccess"/> calls: only the transaction keeps the failed attempts' rows out.
/// </summary>
internal sealed class FlakyProbeHandler(AccountsDbContext accounts, IUnitOfWork unitOfWork, ProbeLog log, TimeProvider clock) : IIntegrationEventHandler<ProbeIntegrationEvent>
{
    public async Task HandleAsync(ProbeIntegrationEvent integrationEvent, CancellationToken cancellationToken)
    {
        var call = log.NextFlakyCall();
        accounts.Add(Account.CreateByOperator($"effect-{call}-{integrationEvent.Marker}", "US", clock.GetUtcNow()));
        await unitOfWork.FlushAsync(cancellationToken);
        if (call <= log.FailuresBeforeSuccess)
        {
            throw new InvalidOperationException($"Probe failure {call}");
        }
    }
}

internal sealed class CountingProbeHandler(ProbeLog log) : IIntegrationEventHandler<ProbeIntegrationEvent>
{
    public Task HandleAsync(ProbeIntegrationEvent integrationEvent, CancellationToken cancellationToken)
    {
        log.CountingCalled();
        return Task.CompletedTask;
    }
}
