namespace OmniaKey.Domain.Primitives;

/// <summary>
/// Marker for values compared by their content. Prefer <c>sealed record</c> value objects, which get
/// structural equality from the compiler; this marker lets architecture tests and readers find them.
/// </summary>
public interface IValueObject;
