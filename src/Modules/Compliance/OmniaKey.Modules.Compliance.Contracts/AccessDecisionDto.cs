namespace OmniaKey.Modules.Compliance.Contracts;

/// <summary>
/// One Restricted Territory decision (Terms §2): on which <see cref="Surface"/>, with which <see cref="Outcome"/>, the
/// <see cref="Country"/> the deciding <see cref="Signal"/> named, and the evidence that was looked at (the client IP
/// and the country it resolves to, the declared country, the card country). Evaluated purely in memory; recorded by
/// <see cref="RecordAccessDecisionCommand"/>.
/// </summary>
public sealed record AccessDecisionDto(
    string Surface,
    string Outcome,
    string? Country,
    string? Signal,
    Guid? AccountId,
    string? Ip,
    string? IpCountry,
    string? DeclaredCountry,
    string? CardCountry,
    string? PaymentId = null)
{
    public bool IsDenied => Outcome == AccessOutcomes.Deny;
}

/// <summary>Where a decision is taken.</summary>
public static class AccessSurfaces
{
    public const string SignUp = "signup";
    public const string LogIn = "login";
    public const string Api = "api";
    public const string Checkout = "checkout";
    public const string Payment = "payment";

    public static readonly IReadOnlyList<string> All = [SignUp, LogIn, Api, Checkout, Payment];
}

/// <summary>What was decided: <c>allow</c>, <c>deny</c>, or <c>review</c> (allowed for now, account held for an operator).</summary>
public static class AccessOutcomes
{
    public const string Allow = "allow";
    public const string Deny = "deny";
    public const string Review = "review";

    public static readonly IReadOnlyList<string> All = [Allow, Deny, Review];
}

/// <summary>The signals a country comes from.</summary>
public static class AccessSignals
{
    public const string DeclaredCountry = "declared_country";
    public const string IpCountry = "ip_country";
    public const string CardCountry = "card_country";
}
