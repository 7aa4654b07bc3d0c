using System.Text.Json;
using OmniaKey.Application.Messaging;

namespace OmniaKey.Infrastructure.Messaging;

/// <summary>
/// An integration event stored in the transaction of the change that raised it, until every handler has had it.
/// <see cref="LockedUntil"/> is the lease of the instance delivering it, so several instances never deliver one
/// message at the same time (and a crashed instance's lease simply runs out).
/// </summary>
internal sealed class OutboxMessage
{
    private OutboxMessage(Guid id, string type, string payload, DateTimeOffset occurredAt)
    {
        Id = id;
        Type = type;
        Payload = payload;
        OccurredAt = occurredAt;
        NextAttemptAt = occurredAt;
    }

    public Guid Id { get; private set; }

    /// <summary>The event's type as <c>Namespace.Type, Assembly</c>, which is what the dispatcher deserialises.</summary>
    public string Type { get; private set; }

    public string Payload { get; private set; }

    public DateTimeOffset OccurredAt { get; private set; }

    public int Attempts { get; private set; }

    public DateTimeOffset NextAttemptAt { get; private set; }

    public DateTimeOffset? LockedUntil { get; private set; }

    public DateTimeOffset? ProcessedAt { get; private set; }

    public string? LastError { get; private set; }

    public static OutboxMessage From(IIntegrationEvent integrationEvent)
    {
        var type = integrationEvent.GetType();
        return new OutboxMessage(
            integrationEvent.EventId,
            TypeName(type),
            JsonSerializer.Serialize(integrationEvent, type),
            integrationEvent.OccurredAt);
    }

    public static string TypeName(Type type) => $"{type.FullName}, {type.Assembly.GetName().Name}";
}

/// <summary>One handler's receipt of one event: written with the handler's own changes, so they happen once.</summary>
internal sealed class InboxMessage(Guid eventId, string handler, DateTimeOffset handledAt)
{
    public Guid EventId { get; private set; } = eventId;

    public string Handler { get; private set; } = handler;

    public DateTimeOffset HandledAt { get; private set; } = handledAt;
}
