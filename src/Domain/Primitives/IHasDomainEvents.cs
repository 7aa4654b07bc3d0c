namespace OmniaKey.Domain.Primitives;

/// <summary>
/// An aggregate that raised domain events; the unit of work collects them from every tracked aggregate before it saves.
/// </summary>
public interface IHasDomainEvents
{
    IReadOnlyCollection<IDomainEvent> DomainEvents { get; }

    void ClearDomainEvents();
}
