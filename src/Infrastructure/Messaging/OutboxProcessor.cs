using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OmniaKey.Application.Abstractions;
using OmniaKey.Application.Messaging;

namespace OmniaKey.Infrastructure.Messaging;

/// <summary>
/// Delivers stored integration events to their handlers, at least once. Each message is claimed with a lease (one
/// conditional UPDATE, so one instance at a time), then each handler runs in its own scope and transaction together
/// with its inbox row: a handler that already has the event is skipped, one that fails rolls back alone and is tried
/// again after a growing delay, and the message is done once every handler has it.
/// </summary>
internal sealed partial class OutboxProcessor(
    IServiceScopeFactory scopes,
    OutboxOptions options,
    TimeProvider clock,
    ILogger<OutboxProcessor> logger)
{
    private static readonly ConcurrentDictionary<string, (Type Event, Type Contract, MethodInfo Handle)?> Types = new();

    /// <summary>Delivers the messages a command just committed, when immediate delivery is on; the worker does the rest.</summary>
    public async Task DeliverAsync(IReadOnlyList<Guid> messageIds, CancellationToken cancellationToken)
    {
        if (!options.DeliverImmediately)
        {
            return;
        }

        foreach (var id in messageIds)
        {
            await DeliverAsync(id, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Delivers every message that is due (new, or waiting for a retry whose time has come); returns how many it claimed.</summary>
    public async Task<int> DeliverDueAsync(CancellationToken cancellationToken)
    {
        List<Guid> due;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var now = clock.GetUtcNow();
            var maxAttempts = options.MaxAttempts;
            due = await scope.ServiceProvider.GetRequiredService<MessagingDbContext>().OutboxMessages.AsNoTracking()
                .Where(m => m.ProcessedAt == null && m.Attempts < maxAttempts && m.NextAttemptAt <= now && (m.LockedUntil == null || m.LockedUntil < now))
                .OrderBy(m => m.NextAttemptAt)
                .Select(m => m.Id)
                .Take(OutboxOptions.BatchSize)
                .ToListAsync(cancellationToken).ConfigureAwait(false);
        }

        var delivered = 0;
        foreach (var id in due)
        {
            delivered += await DeliverAsync(id, cancellationToken).ConfigureAwait(false) ? 1 : 0;
        }

        return delivered;
    }

    private async Task<bool> DeliverAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await ClaimAsync(id, cancellationToken).ConfigureAwait(false) is not { } message)
        {
            return false;
        }

        var failures = new List<string>();
        if (Resolve(message.Type) is not { } type)
        {
            failures.Add($"Unknown event type {message.Type}.");
        }
        else
        {
            var integrationEvent = JsonSerializer.Deserialize(message.Payload, type.Event)
                ?? throw new InvalidOperationException($"Outbox message {id} has an empty payload.");
            foreach (var handler in HandlerNames(type.Contract))
            {
                if (await TryHandleAsync(message.Id, integrationEvent, type, handler, cancellationToken).ConfigureAwait(false) is { } error)
                {
                    failures.Add($"{handler}: {error}");
                }
            }
        }

        await FinishAsync(message, failures, cancellationToken).ConfigureAwait(false);
        return true;
    }

    private async Task<OutboxMessage?> ClaimAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var messages = scope.ServiceProvider.GetRequiredService<MessagingDbContext>().OutboxMessages;
        var now = clock.GetUtcNow();
        var until = now + options.Lease;
        var claimed = await messages
            .Where(m => m.Id == id && m.ProcessedAt == null && (m.LockedUntil == null || m.LockedUntil < now))
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.LockedUntil, until), cancellationToken).ConfigureAwait(false);
        return claimed == 1 ? await messages.AsNoTracking().SingleAsync(m => m.Id == id, cancellationToken).ConfigureAwait(false) : null;
    }

    /// <summary>Runs one handler with its inbox row in one transaction; returns the error, or null when it has the event.</summary>
    private async Task<string?> TryHandleAsync(
        Guid eventId,
        object integrationEvent,
        (Type Event, Type Contract, MethodInfo Handle) type,
        string handlerName,
        CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var services = scope.ServiceProvider;
            await services.GetRequiredService<IUnitOfWork>().RunAsync(
                async () =>
                {
                    var inbox = services.GetRequiredService<MessagingDbContext>().InboxMessages;
                    if (await inbox.AnyAsync(m => m.EventId == eventId && m.Handler == handlerName, cancellationToken).ConfigureAwait(false))
                    {
                        return false;
                    }

                    var handler = services.GetServices(type.Contract).Single(h => h!.GetType().FullName == handlerName);
                    await ((Task)type.Handle.Invoke(handler, BindingFlags.DoNotWrapExceptions, null, [integrationEvent, cancellationToken], null)!).ConfigureAwait(false);
                    inbox.Add(new InboxMessage(eventId, handlerName, clock.GetUtcNow()));
                    return true;
                },
                cancellationToken).ConfigureAwait(false);
            return null;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogHandlerFailed(e, handlerName, eventId);
            return e.Message;
        }
    }

    private async Task FinishAsync(OutboxMessage message, List<string> failures, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var messages = scope.ServiceProvider.GetRequiredService<MessagingDbContext>().OutboxMessages.Where(m => m.Id == message.Id);
        var now = clock.GetUtcNow();
        if (failures.Count == 0)
        {
            await messages.ExecuteUpdateAsync(
                s => s.SetProperty(m => m.ProcessedAt, now).SetProperty(m => m.LockedUntil, (DateTimeOffset?)null).SetProperty(m => m.LastError, (string?)null),
                CancellationToken.None).ConfigureAwait(false);
            return;
        }

        var attempts = message.Attempts + 1;
        var error = string.Join("; ", failures);
        error = error.Length <= 2000 ? error : error[..2000];
        var next = now + OutboxOptions.RetryDelay(attempts);
        await messages.ExecuteUpdateAsync(
            s => s.SetProperty(m => m.Attempts, attempts)
                  .SetProperty(m => m.NextAttemptAt, next)
                  .SetProperty(m => m.LockedUntil, (DateTimeOffset?)null)
                  .SetProperty(m => m.LastError, error),
            CancellationToken.None).ConfigureAwait(false);
        if (attempts >= options.MaxAttempts)
        {
            LogGaveUp(message.Id, message.Type, attempts, error);
        }
    }

    private IEnumerable<string> HandlerNames(Type contract)
    {
        using var scope = scopes.CreateScope();
        return [.. scope.ServiceProvider.GetServices(contract).Select(h => h!.GetType().FullName!).Distinct()];
    }

    private static (Type Event, Type Contract, MethodInfo Handle)? Resolve(string typeName) => Types.GetOrAdd(typeName, static name =>
    {
        if (Type.GetType(name) is not { } eventType || !typeof(IIntegrationEvent).IsAssignableFrom(eventType))
        {
            return null;
        }

        var contract = typeof(IIntegrationEventHandler<>).MakeGenericType(eventType);
        return (eventType, contract, contract.GetMethod(nameof(IIntegrationEventHandler<IIntegrationEvent>.HandleAsync))!);
    });

    [LoggerMessage(Level = LogLevel.Warning, Message = "Integration event handler {Handler} failed on event {EventId}; it will be retried")]
    private partial void LogHandlerFailed(Exception exception, string handler, Guid eventId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbox message {MessageId} ({Type}) still fails after {Attempts} attempts and is no longer retried: {Error}")]
    private partial void LogGaveUp(Guid messageId, string type, int attempts, string error);
}
