using Microsoft.EntityFrameworkCore;
using OmniaKey.Modules.Accounts.Domain.Sessions;
using OmniaKey.Modules.Accounts.Domain.Tokens;

namespace OmniaKey.Modules.Accounts.Infrastructure.Persistence;

internal sealed class AccountTokenRepository(AccountsDbContext db) : IAccountTokenRepository
{
    public void Add(AccountToken token) => db.AccountTokens.Add(token);

    public Task<AccountToken?> FindByHashAsync(string tokenHash, CancellationToken cancellationToken) =>
        db.AccountTokens.FirstOrDefaultAsync(t => t.TokenHash == tokenHash, cancellationToken);

    public async Task<IReadOnlyList<AccountToken>> ListUnusedAsync(Guid accountId, AccountTokenPurpose purpose, CancellationToken cancellationToken) =>
        await db.AccountTokens.Where(t => t.AccountId == accountId && t.Purpose == purpose && t.UsedAt == null).ToListAsync(cancellationToken);
}

internal sealed class RevokedSessionRepository(AccountsDbContext db) : IRevokedSessionRepository
{
    public void Add(RevokedSession session) => db.RevokedSessions.Add(session);

    public async Task RemoveExpiredAsync(Guid accountId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var expired = await db.RevokedSessions.Where(s => s.AccountId == accountId && s.ExpiresAt <= now).ToListAsync(cancellationToken);
        db.RevokedSessions.RemoveRange(expired);
    }
}
