namespace OmniaKey.Modules.Policies.Domain.Acceptances;

/// <summary>How a customer accepted a Terms version.</summary>
internal enum AcceptanceMethod
{
    /// <summary>At sign-up, with the eligibility statement (Terms §2).</summary>
    SignUp,

    /// <summary><c>POST /api/v1/terms/accept</c>.</summary>
    Explicit,

    /// <summary>The first API call after the version took effect (Terms §11: continued use is acceptance).</summary>
    ContinuedUse,
}

/// <summary>One account's acceptance of one Terms version; at most one per account and version (the first counts).</summary>
internal sealed class TermsAcceptance
{
    public TermsAcceptance(Guid id, Guid accountId, string version, AcceptanceMethod method, DateTimeOffset acceptedAt, string? ipAddress)
    {
        Id = id;
        AccountId = accountId;
        Version = version;
        Method = method;
        AcceptedAt = acceptedAt;
        IpAddress = ipAddress;
    }

    public Guid Id { get; private set; }

    public Guid AccountId { get; private set; }

    public string Version { get; private set; }

    public AcceptanceMethod Method { get; private set; }

    public DateTimeOffset AcceptedAt { get; private set; }

    /// <summary>The client IP of the request that accepted, where there was one.</summary>
    public string? IpAddress { get; private set; }

    public static TermsAcceptance Record(Guid accountId, string version, AcceptanceMethod method, DateTimeOffset now, string? ipAddress) =>
        new(Guid.CreateVersion7(now), accountId, version, method, now, ipAddress);

    public static string Name(AcceptanceMethod method) => method switch
    {
        AcceptanceMethod.SignUp => "signup",
        AcceptanceMethod.Explicit => "explicit",
        _ => "continued_use",
    };
}
