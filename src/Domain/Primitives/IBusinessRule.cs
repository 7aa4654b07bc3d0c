namespace OmniaKey.Domain.Primitives;

/// <summary>An invariant of an aggregate, checked before a change is made.</summary>
public interface IBusinessRule
{
    /// <summary>A short machine-readable code such as <c>key_already_revoked</c>.</summary>
    string Code { get; }

    string Message { get; }

    bool IsBroken();
}
