using System.Collections.Concurrent;
using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using OmniaKey.Application.Messaging;
using OmniaKey.Domain.Primitives;

namespace OmniaKey.Infrastructure.Persistence;

/// <summary>Calls every <see cref="IDomainEventHandler{TEvent}"/> of a domain event, in the command's scope.</summary>
internal sealed class DomainEventDispatcher(IServiceProvider services)
{
    private static readonly ConcurrentDictionary<Type, (Type Contract, MethodInfo Handle)> Handlers = new();

    public async Task DispatchAsync(IDomainEvent domainEvent, CancellationToken cancellationToken)
    {
        var (contract, handle) = Handlers.GetOrAdd(domainEvent.GetType(), static type =>
        {
            var contract = typeof(IDomainEventHandler<>).MakeGenericType(type);
            return (contract, contract.GetMethod(nameof(IDomainEventHandler<IDomainEvent>.HandleAsync))!);
        });
        foreach (var handler in services.GetServices(contract))
        {
            await ((Task)handle.Invoke(handler, BindingFlags.DoNotWrapExceptions, null, [domainEvent, cancellationToken], null)!).ConfigureAwait(false);
        }
    }
}
