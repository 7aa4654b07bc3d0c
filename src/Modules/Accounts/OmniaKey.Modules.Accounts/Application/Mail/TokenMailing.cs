using OmniaKey.Application.Exceptions;
using OmniaKey.Modules.Accounts.Domain.Accounts;
using OmniaKey.Modules.Accounts.Domain.Tokens;

namespace OmniaKey.Modules.Accounts.Application.Mail;

/// <summary>
/// Issues a token of one purpose for an account — superseding the earlier unused ones, so only the newest e-mail
/// works — and mails it once the command commits.
/// </summary>
internal sealed class TokenMailing(IAccountTokenRepository tokens, IAccountMail mail, TimeProvider clock)
{
    public async Task IssueAndSendAsync(Account account, AccountTokenPurpose purpose, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        foreach (var earlier in await tokens.ListUnusedAsync(account.Id, purpose, cancellationToken))
        {
            earlier.Use(now);
        }

        var (token, secret) = AccountToken.Issue(account.Id, purpose, now);
        tokens.Add(token);
        mail.SendAfterCommit(account.Email, purpose, secret, token.ExpiresAt);
    }

    /// <summary>
    /// The usable token of one of <paramref name="purposes"/> for <paramref name="secret"/>, marked used; otherwise
    /// 400 <c>invalid_token</c> — one answer for unknown, used, expired and wrong-purpose tokens.
    /// </summary>
    public async Task<AccountToken> RedeemAsync(string secret, IReadOnlyCollection<AccountTokenPurpose> purposes, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var token = await tokens.FindByHashAsync(AccountToken.Hash(secret), cancellationToken);
        if (token is null || !purposes.Contains(token.Purpose) || !token.IsUsable(now))
        {
            throw new RequestValidationException("token", "is invalid, expired or already used; ask for a new e-mail");
        }

        token.Use(now);
        return token;
    }
}
