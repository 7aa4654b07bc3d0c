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

    public Task<TermsVersion?> FindAsync(string version, CancellationToken cancellationToken) =>
        db.TermsVersions.FirstOrDefaultAsync(v => v.Version == version, cancellationToken);

    public async Task<IReadOnlyList<TermsVersion>> ListAsync(CancellationToken cancellationToken)
    {
        var versions = await db.TermsVersions.AsNoTracking().ToListAsync(cancellationToken);
        return [.. versions.OrderByDescending(v => v.EffectiveAt).ThenByDescending(v => v.PublishedAt)];
    }

    public async Task<IReadOnlyList<TermsVersion>> ListWithNoticeWorkAsync(CancellationToken cancellationToken)
    {
        var pending = db.TermsNotices.Where(n => n.SentAt == null).Select(n => n.Version);
        var versions = await db.TermsVersions.AsNoTracking()
            .Where(v => v.Material && (v.NoticesPreparedAt == null || pending.Contains(v.Version)))
            .ToListAsync(cancellationToken);
        return [.. versions.OrderBy(v => v.EffectiveAt)];
    }

    public void Add(TermsVersion version) => db.TermsVersions.Add(version);
}
