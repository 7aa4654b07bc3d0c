using System.Security.Cryptography;
using System.Text;

namespace OmniaKey.Modules.Accounts.Domain.Tokens;

/// <summary>What an e-mailed token lets its holder do.</summary>
internal enum AccountTokenPurpose
{
    /// <summary>Prove the e-mail address (sent at sign-up and on request).</summary>
    EmailVerification,

    /// <summary>Set a new password after forgetting it.</summary>
    PasswordReset,

    /// <summary>Set the first password of an account an operator opened.</summary>
    Invitation,
}

/// <summary>
/// A single-use secret sent by e-mail. Only its SHA-256 digest is stored, so a copy of the database cannot be used to
/// verify an address or take over an account; the secret itself exists only in the e-mail.
/// </summary>
internal sealed class AccountToken
{
    private AccountToken(Guid id, Guid accountId, AccountTokenPurpose purpose, string tokenHash, DateTimeOffset createdAt, DateTimeOffset expiresAt)
    {
        Id = id;
        AccountId = accountId;
        Purpose = purpose;
        TokenHash = tokenHash;
        CreatedAt = createdAt;
        ExpiresAt = expiresAt;
    }

    public Guid Id { get; private set; }

    public Guid AccountId { get; private set; }

    public AccountTokenPurpose Purpose { get; private set; }

    /// <summary>Lower-case hex SHA-256 of the secret.</summary>
    public string TokenHash { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset ExpiresAt { get; private set; }

    /// <summary>When it was used, or superseded by a newer token of the same purpose; null while it is usable.</summary>
    public DateTimeOffset? UsedAt { get; private set; }

    public static TimeSpan LifetimeOf(AccountTokenPurpose purpose) => purpose switch
    {
        AccountTokenPurpose.EmailVerification => TimeSpan.FromDays(2),
        AccountTokenPurpose.PasswordReset => TimeSpan.FromHours(1),
        _ => TimeSpan.FromDays(7),
    };

    /// <summary>A new token and its secret (32 random bytes, base64url), which the caller mails and forgets.</summary>
    public static (AccountToken Token, string Secret) Issue(Guid accountId, AccountTokenPurpose purpose, DateTimeOffset now)
    {
        var secret = Base64Url(RandomNumberGenerator.GetBytes(32));
        var token = new AccountToken(Guid.CreateVersion7(now), accountId, purpose, Hash(secret), now, now + LifetimeOf(purpose));
        return (token, secret);
    }

    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    public bool IsUsable(DateTimeOffset now) => UsedAt is null && now < ExpiresAt;

    public void Use(DateTimeOffset now) => UsedAt ??= now;

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
