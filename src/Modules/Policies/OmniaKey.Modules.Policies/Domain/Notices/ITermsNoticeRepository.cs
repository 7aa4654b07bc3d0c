namespace OmniaKey.Modules.Policies.Domain.Notices;

/// <summary>The notices of material Terms versions, claimed and marked by conditional updates.</summary>
internal interface ITermsNoticeRepository
{
    /// <summary>Of <paramref name="accountIds"/>, those that already have a notice of the version.</summary>
    Task<IReadOnlySet<Guid>> FindNotifiedAsync(string version, IReadOnlyCollection<Guid> accountIds, CancellationToken cancellationToken);

    void Add(TermsNotice notice);

    /// <summary>
    /// Claims up to <paramref name="limit"/> unsent notices nobody holds (oldest first) for <paramref name="claimToken"/>,
    /// leaving out those that failed <paramref name="maxAttempts"/> times.
    /// </summary>
    Task<IReadOnlyList<TermsNotice>> ClaimAsync(Guid claimToken, int limit, int maxAttempts, DateTimeOffset now, DateTimeOffset until, CancellationToken cancellationToken);

    /// <summary>Marks the notice sent if it is still held by the claim; false if the claim was lost.</summary>
    Task<bool> MarkSentAsync(Guid noticeId, Guid claimToken, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Gives back the claim's unsent notices, counting a failed attempt on the one that failed.</summary>
    Task ReleaseAsync(Guid claimToken, Guid? failedNoticeId, string? error, CancellationToken cancellationToken);

    Task<int> CountPendingAsync(CancellationToken cancellationToken);
}
