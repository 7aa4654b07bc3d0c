namespace OmniaKey.Application.Messaging;

/// <summary>
/// A fact one module publishes for others, declared in the publisher's <c>.Contracts</c>. Immutable:
/// declare integration events as <c>sealed record</c>s with init-only properties.
/// </summary>
public interface IIntegrationEvent
{
    Guid EventId { get; }

    DateTimeOffset OccurredAt { get; }
}
