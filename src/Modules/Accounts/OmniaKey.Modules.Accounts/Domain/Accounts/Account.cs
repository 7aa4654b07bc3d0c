using OmniaKey.Domain.Primitives;

namespace OmniaKey.Modules.Accounts.Domain.Accounts;

/// <summary>
/// A customer. Created by self-service sign-up (with a password and the Terms §2 eligibility statement) or by an
/// operator (without a password until the customer sets one).
/// </summary>
internal sealed class Account : AggregateRoot<Guid>
{
    private Account(Guid id, string email, string country, DateTimeOffset createdAt)
        : base(id)
    {
        Email = email;
        Country = country;
        CreatedAt = createdAt;
        Status = AccountStatus.Active;
    }

    public string Email { get; private set; }

    public string Country { get; private set; }

    public string? PasswordHash { get; private set; }

    public AccountStatus Status { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>The Terms version the customer accepted at sign-up, when, and from which IP (Terms §2 representation).</summary>
    public EligibilityStatement? Eligibility { get; private set; }

    /// <summary>Why an operator terminated the account (Terms §9); null while it is not terminated.</summary>
    public string? TerminationReason { get; private set; }

    /// <summary>Whether the termination was for material breach of the Terms, which may forfeit the balance.</summary>
    public bool TerminatedForMaterialBreach { get; private set; }

    public DateTimeOffset? TerminatedAt { get; private set; }

    /// <summary>
    /// Why API access is suspended pending an operator's review (e.g. a payment dispute); null when none was given or
    /// the account is not suspended. Reactivation clears it.
    /// </summary>
    public string? SuspensionReason { get; private set; }

    /// <summary>When the customer proved the e-mail address is theirs; null until then (log-in and keys work anyway).</summary>
    public DateTimeOffset? EmailVerifiedAt { get; private set; }

    /// <summary>
    /// Carried in every access token; raising it ends every session at once (password change or reset, log-out
    /// everywhere, suspension, termination, closing). See docs/adr/0029-account-sessions-and-self-service.md.
    /// </summary>
    public int SessionGeneration { get; private set; }

    /// <summary>When the customer closed the account themselves and their personal data was anonymised.</summary>
    public DateTimeOffset? ClosedAt { get; private set; }

    public static string NormalizeEmail(string email) => email.Trim().ToLowerInvariant();

    public static Account SignUp(string email, string country, string passwordHash, EligibilityStatement eligibility, DateTimeOffset now)
    {
        var account = new Account(Guid.CreateVersion7(now), NormalizeEmail(email), country.ToUpperInvariant(), now)
        {
            PasswordHash = passwordHash,
            Eligibility = eligibility,
        };
        account.Raise(new AccountSignedUpDomainEvent(account.Id, account.Email, now));
        return account;
    }

    public static Account CreateByOperator(string email, string country, DateTimeOffset now) =>
        new(Guid.CreateVersion7(now), NormalizeEmail(email), country.ToUpperInvariant(), now);

    /// <summary>
    /// Stops API access until an operator reactivates the account. A suspension without a reason keeps the reason of
    /// one already in force (an operator's suspend must not hide why the account was suspended before).
    /// </summary>
    public void Suspend(DateTimeOffset now, string? reason = null)
    {
        CheckRule(new AccountMustNotBeTerminatedRule(Status));
        SuspensionReason = reason ?? (Status == AccountStatus.Suspended ? SuspensionReason : null);
        Status = AccountStatus.Suspended;
        Raise(new AccountStatusChangedDomainEvent(Id, Status, now));
        EndSessions(now);
    }

    public void Reactivate(DateTimeOffset now)
    {
        CheckRule(new AccountMustNotBeTerminatedRule(Status));
        Status = AccountStatus.Active;
        SuspensionReason = null;
        Raise(new AccountStatusChangedDomainEvent(Id, Status, now));
    }

    /// <summary>Sets a new password and ends every session: whoever knew the old password is signed out.</summary>
    public void ChangePasswordHash(string passwordHash, DateTimeOffset now)
    {
        PasswordHash = passwordHash;
        EndSessions(now);
    }

    /// <summary>The customer followed a link sent to the address (verification, reset or invitation).</summary>
    public void MarkEmailVerified(DateTimeOffset now) => EmailVerifiedAt ??= now;

    /// <summary>Invalidates every access token issued so far.</summary>
    public void EndSessions(DateTimeOffset now)
    {
        SessionGeneration++;
        Raise(new AccountSessionsEndedDomainEvent(Id, now));
    }

    /// <summary>
    /// Anonymises a terminated account the customer closed: the e-mail becomes a placeholder derived from the id (not
    /// from the address, so it cannot be reversed), the password and the eligibility IP are removed. The ledger and
    /// the rest of the accounting stay (docs/accounts.md).
    /// </summary>
    public void Anonymise(DateTimeOffset now)
    {
        Email = $"closed-{Id:N}@closed.invalid";
        PasswordHash = null;
        Eligibility = Eligibility is null ? null : Eligibility with { IpAddress = null };
        ClosedAt = now;
        EndSessions(now);
    }

    /// <summary>
    /// Ends the account for good: every access stops. Terminating a terminated account changes nothing (the first
    /// reason and breach finding stand) and returns false.
    /// </summary>
    public bool Terminate(string reason, bool materialBreach, DateTimeOffset now)
    {
        if (Status == AccountStatus.Terminated)
        {
            return false;
        }

        Status = AccountStatus.Terminated;
        TerminationReason = reason;
        TerminatedForMaterialBreach = materialBreach;
        TerminatedAt = now;
        Raise(new AccountStatusChangedDomainEvent(Id, Status, now));
        Raise(new AccountTerminatedDomainEvent(Id, reason, materialBreach, now));
        EndSessions(now);
        return true;
    }
}

/// <summary>The customer's statement that they are not in or resident of the Restricted Territory.</summary>
internal sealed record EligibilityStatement(string TermsVersion, DateTimeOffset ConfirmedAt, string? IpAddress) : IValueObject;

internal sealed class AccountMustNotBeTerminatedRule(AccountStatus status) : IBusinessRule
{
    public string Code => "account_terminated";

    public string Message => "A terminated account cannot change status.";

    public bool IsBroken() => status == AccountStatus.Terminated;
}
