namespace OmniaKey.Domain.Primitives;

/// <summary>Implemented by id records so that infrastructure can convert them to and from <see cref="Guid"/>.</summary>
public interface IStronglyTypedId
{
    Guid Value { get; }
}
