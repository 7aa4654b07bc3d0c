namespace OmniaKey.Modules.Policies.Domain.Notices;

/// <summary>
/// The e-mail telling one account about one material Terms version (Terms §11). One row per account and version
/// (unique): whoever creates or sends notices can never make a second one. A worker claims a row (a token and a lease)
/// before sending, and marks it sent right after the SMTP server accepted the message.
/// </summary>
internal sealed class TermsNotice
{
    public TermsNotice(Guid id, Guid accountId, string version, string email, DateTimeOffset createdAt)
    {
        Id = id;
        AccountId = accountId;
        Version = version;
        Email = email;
        CreatedAt = createdAt;
    }

    public Guid Id { get; private set; }

    public Guid AccountId { get; private set; }

    public string Version { get; private set; }

    /// <summary>The account's address when the notice was created.</summary>
    public string Email { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? SentAt { get; private set; }

    /// <summary>The claim of the worker sending it now; null when nobody does.</summary>
    public Guid? ClaimToken { get; private set; }

    public DateTimeOffset? ClaimedUntil { get; private set; }

    /// <summary>Send attempts that failed.</summary>
    public int FailedAttempts { get; private set; }

    public string? LastError { get; private set; }

    public static TermsNotice Create(Guid accountId, string version, string email, DateTimeOffset now) =>
        new(Guid.CreateVersion7(now), accountId, version, email, now);
}
