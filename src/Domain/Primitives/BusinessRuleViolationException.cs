namespace OmniaKey.Domain.Primitives;

/// <summary>Thrown when a change would break an aggregate's invariant; mapped to 409/422 at the edge.</summary>
public sealed class BusinessRuleViolationException : Exception
{
    public BusinessRuleViolationException(IBusinessRule rule)
        : base(rule.Message)
    {
        Code = rule.Code;
    }

    public BusinessRuleViolationException(string code, string message)
        : base(message)
    {
        Code = code;
    }

    public string Code { get; }
}
