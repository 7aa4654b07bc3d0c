using Microsoft.EntityFrameworkCore;
using OmniaKey.Modules.Policies.Domain.Terms;

namespace OmniaKey.Modules.Policies.Infrastructure.Persistence;

internal sealed class TermsRepository(PoliciesDbContext db) : ITermsRepository
{
    public async Task<TermsVersion?> FindInForceAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        // Few rows ever exist; ordering in memory keeps the query portable across providers.
        var versions = await db.TermsVersions.AsNoTracking().ToListAsync(cancellationToken);
        return versions.Where(v => v.EffectiveAt <= now).MaxBy(v => v.EffectiveAt);
    }
}
