using Microsoft.EntityFrameworkCore;
using OmniaKey.Infrastructure.Audit;

namespace OmniaKey.Infrastructure.Security.AdminTokens;

/// <summary>
/// Finds the active named admin token a secret belongs to. One indexed read per admin request: admin traffic is light,
/// and reading every time is what makes a revocation take effect on every instance at once, with no cache to evict.
/// </summary>
internal sealed class AdminTokenLookup(AuditDbContext store)
{
    public Task<string?> ActiveNameAsync(string secret, CancellationToken cancellationToken)
    {
        var hash = AdminTokenSecret.Hash(secret);
        return store.AdminTokens.AsNoTracking()
            .Where(t => t.SecretHash == hash && t.RevokedAt == null)
            .Select(t => t.Name)
            .SingleOrDefaultAsync(cancellationToken);
    }
}
