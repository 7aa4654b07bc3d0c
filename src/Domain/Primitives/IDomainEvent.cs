namespace OmniaKey.Domain.Primitives;

/// <summary>Something that happened inside an aggregate that other parts of the same module may react to.</summary>
public interface IDomainEvent
{
    DateTimeOffset OccurredAt { get; }
}
