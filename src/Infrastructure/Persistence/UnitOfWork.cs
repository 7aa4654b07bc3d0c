using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OmniaKey.Application.Abstractions;
using OmniaKey.Application.Messaging;
using OmniaKey.Infrastructure.Audit;
using OmniaKey.Infrastructure.Messaging;

namespace OmniaKey.Infrastructure.Persistence;

/// <summary>
/// One transaction per command on the scope's one connection. Every module DbContext the scope resolves enlists here
/// (see <see cref="PersistenceRegistration"/>) and joins the transaction, so a command that touches two modules
/// commits both or neither. On success it lets aggregates' domain events run, saves every context, writes the staged
/// integration events to the outbox, commits, then hands those events to the outbox for delivery.
/// </summary>
internal sealed class UnitOfWork(
    ScopedDatabaseConnection connection,
    DomainEventDispatcher domainEvents,
    OutboxProcessor outbox,
    IServiceProvider services) : IUnitOfWork, IIntegrationEventPublisher
{
    private const int MaxDomainEventRounds = 8;

    private readonly List<DbContext> contexts = [];
    private readonly List<IIntegrationEvent> staged = [];
    private readonly List<Action> committed = [];
    private DbTransaction? transaction;

    public void Enlist(DbContext context)
    {
        if (contexts.Contains(context))
        {
            return;
        }

        contexts.Add(context);
        if (transaction is not null)
        {
            context.Database.UseTransaction(transaction);
        }
    }

    public void Publish(IIntegrationEvent integrationEvent)
    {
        ArgumentNullException.ThrowIfNull(integrationEvent);
        if (transaction is null)
        {
            throw new InvalidOperationException("Integration events are published inside a command (its unit of work).");
        }

        staged.Add(integrationEvent);
    }

    public void OnCommitted(Action action) => committed.Add(action);

    public async Task<TResult> RunAsync<TResult>(Func<Task<TResult>> work, CancellationToken cancellationToken)
    {
        if (transaction is not null)
        {
            return await work().ConfigureAwait(false);
        }

        await BeginAsync(cancellationToken).ConfigureAwait(false);
        TResult result;
        IReadOnlyList<Guid> published;
        try
        {
            result = await work().ConfigureAwait(false);
            services.GetService<AdminAuditScope>()?.StageSucceeded(result, this);
            await SaveAsync(cancellationToken).ConfigureAwait(false);
            published = [.. staged.Select(e => e.EventId)];
            await transaction!.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await RollBackAsync().ConfigureAwait(false);
            throw;
        }

        await EndAsync().ConfigureAwait(false);
        var actions = committed.ToList();
        committed.Clear();
        foreach (var action in actions)
        {
            action();
        }

        // The change is committed: its events are delivered even if the caller has gone away meanwhile.
        await outbox.DeliverAsync(published, CancellationToken.None).ConfigureAwait(false);
        return result;
    }

    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        if (transaction is null)
        {
            throw new InvalidOperationException("FlushAsync is only meaningful inside a command's transaction.");
        }

        foreach (var context in contexts.ToList().Where(c => c.ChangeTracker.HasChanges()))
        {
            await context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task BeginAsync(CancellationToken cancellationToken)
    {
        var database = connection.Connection;
        if (database.State != System.Data.ConnectionState.Open)
        {
            await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        }

        transaction = await database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        foreach (var context in contexts)
        {
            await context.Database.UseTransactionAsync(transaction, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Domain events first (their handlers may change more state or publish), then every context, then the outbox.</summary>
    private async Task SaveAsync(CancellationToken cancellationToken)
    {
        for (var round = 0; await DispatchDomainEventsAsync(cancellationToken).ConfigureAwait(false); round++)
        {
            if (round == MaxDomainEventRounds)
            {
                throw new InvalidOperationException("Domain event handlers kept raising new events; is there a cycle?");
            }
        }

        if (staged.Count > 0)
        {
            var messaging = services.GetRequiredService<MessagingDbContext>();
            messaging.OutboxMessages.AddRange(staged.Select(OutboxMessage.From));
        }

        await FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<bool> DispatchDomainEventsAsync(CancellationToken cancellationToken)
    {
        var raised = contexts.ToList()
            .SelectMany(c => c.ChangeTracker.Entries<Domain.Primitives.IHasDomainEvents>())
            .Select(e => e.Entity)
            .Where(a => a.DomainEvents.Count > 0)
            .ToList();
        foreach (var aggregate in raised)
        {
            var events = aggregate.DomainEvents.ToList();
            aggregate.ClearDomainEvents();
            foreach (var domainEvent in events)
            {
                await domainEvents.DispatchAsync(domainEvent, cancellationToken).ConfigureAwait(false);
            }
        }

        return raised.Count > 0;
    }

    private async Task RollBackAsync()
    {
        staged.Clear();
        committed.Clear();
        if (transaction is not null)
        {
            try
            {
                await transaction.RollbackAsync(CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception e) when (e is DbException or InvalidOperationException)
            {
                // The connection broke or the transaction was already over: nothing was committed either way.
            }
        }

        // What the failed command tracked must not be saved by a later command in the same scope.
        foreach (var context in contexts)
        {
            context.ChangeTracker.Clear();
        }

        await EndAsync().ConfigureAwait(false);
    }

    private async Task EndAsync()
    {
        staged.Clear();
        foreach (var context in contexts)
        {
            await context.Database.UseTransactionAsync(null).ConfigureAwait(false);
        }

        if (transaction is not null)
        {
            await transaction.DisposeAsync().ConfigureAwait(false);
            transaction = null;
        }
    }
}
