namespace OmniaKey.Modules.Keys.Application.ApiKeys;

/// <summary>
/// A field of a partial update: absent (leave the stored value), or set — possibly to null, which clears it. JSON
/// <c>null</c> and a missing field mean different things in <c>PATCH</c>, so a nullable alone cannot carry them.
/// </summary>
internal readonly record struct Optional<T>(bool IsSet, T Value)
{
    public static Optional<T> Absent => default;

    public static Optional<T> Of(T value) => new(true, value);

    public T Or(T current) => IsSet ? Value : current;
}
