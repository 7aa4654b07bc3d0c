using Microsoft.EntityFrameworkCore;
using OmniaKey.Modules.Policies.Domain.Notices;

namespace OmniaKey.Modules.Policies.Infrastructure.Persistence;

internal sealed class TermsNoticeRepository(PoliciesDbContext db) : ITermsNoticeRepository
{
    public async Task<IReadOnlySet<Guid>> FindNotifiedAsync(string version, IReadOnlyCollection<Guid> accountIds, CancellationToken cancellationToken)
    {
        var ids = await db.TermsNotices.AsNoTracking()
            .Where(n => n.Version == version && accountIds.Contains(n.AccountId))
            .Select(n => n.AccountId)
            .ToListAsync(cancellationToken);
        return ids.ToHashSet();
    }

    public void Add(TermsNotice notice) => db.TermsNotices.Add(notice);

    public async Task<IReadOnlyList<TermsNotice>> ClaimAsync(Guid claimToken, int limit, int maxAttempts, DateTimeOffset now, DateTimeOffset until, CancellationToken cancellationToken)
    {
        var candidates = await db.TermsNotices.AsNoTracking()
            .Where(n => n.SentAt == null && n.FailedAttempts < maxAttempts && (n.ClaimedUntil == null || n.ClaimedUntil < now))
            .OrderBy(n => n.CreatedAt).ThenBy(n => n.Id)
            .Select(n => n.Id)
            .Take(limit)
            .ToListAsync(cancellationToken);
        if (candidates.Count == 0)
        {
            return [];
        }

        // The condition is repeated in the update: of two workers that read the same candidates, each row goes to one.
        await db.TermsNotices
            .Where(n => candidates.Contains(n.Id) && n.SentAt == null && (n.ClaimedUntil == null || n.ClaimedUntil < now))
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.ClaimToken, claimToken).SetProperty(n => n.ClaimedUntil, until), cancellationToken);
        var claimed = await db.TermsNotices.AsNoTracking()
            .Where(n => n.ClaimToken == claimToken && n.SentAt == null)
            .ToListAsync(cancellationToken);
        return [.. claimed.OrderBy(n => n.CreatedAt).ThenBy(n => n.Id)];
    }

    public async Task<bool> MarkSentAsync(Guid noticeId, Guid claimToken, DateTimeOffset now, CancellationToken cancellationToken) =>
        await db.TermsNotices
            .Where(n => n.Id == noticeId && n.ClaimToken == claimToken && n.SentAt == null)
            .ExecuteUpdateAsync(
                s => s.SetProperty(n => n.SentAt, now).SetProperty(n => n.ClaimToken, (Guid?)null).SetProperty(n => n.ClaimedUntil, (DateTimeOffset?)null),
                cancellationToken) == 1;

    public async Task ReleaseAsync(Guid claimToken, Guid? failedNoticeId, string? error, CancellationToken cancellationToken)
    {
        if (failedNoticeId is { } failed)
        {
            await db.TermsNotices
                .Where(n => n.Id == failed && n.ClaimToken == claimToken && n.SentAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(n => n.FailedAttempts, n => n.FailedAttempts + 1).SetProperty(n => n.LastError, error), cancellationToken);
        }

        await db.TermsNotices
            .Where(n => n.ClaimToken == claimToken && n.SentAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.ClaimToken, (Guid?)null).SetProperty(n => n.ClaimedUntil, (DateTimeOffset?)null), cancellationToken);
    }

    public Task<int> CountPendingAsync(CancellationToken cancellationToken) =>
        db.TermsNotices.CountAsync(n => n.SentAt == null, cancellationToken);
}
