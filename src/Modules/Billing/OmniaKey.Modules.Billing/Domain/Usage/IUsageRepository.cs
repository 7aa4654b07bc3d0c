namespace OmniaKey.Modules.Billing.Domain.Usage;

/// <summary>Reads an account's usage records for the customer and admin views.</summary>
internal interface IUsageRepository
{
    /// <summary>
    /// Up to <paramref name="limit"/> records of the account that pass <paramref name="filter"/>, newest first,
    /// strictly after <paramref name="after"/>.
    /// </summary>
    Task<IReadOnlyList<UsageRecord>> ListAsync(
        Guid accountId,
        UsageFilter filter,
        UsagePosition? after,
        int limit,
        CancellationToken cancellationToken);

    /// <summary>Per key of <paramref name="keyIds"/> with any usage: the charged total and the latest record's time.</summary>
    Task<IReadOnlyList<KeyUsageTotal>> KeyTotalsAsync(Guid accountId, IReadOnlyList<Guid> keyIds, CancellationToken cancellationToken);

    /// <summary>
    /// The account's charged total and call count per period between consecutive <paramref name="boundaries"/>
    /// (ascending; period i is [boundaries[i], boundaries[i + 1])), in one aggregate query; periods without usage are
    /// absent.
    /// </summary>
    Task<IReadOnlyList<PeriodSpend>> SpendPerPeriodAsync(Guid accountId, IReadOnlyList<DateTimeOffset> boundaries, CancellationToken cancellationToken);
}

/// <summary>What one account was charged in period <see cref="Period"/> (an index into the requested periods).</summary>
internal sealed record PeriodSpend(int Period, long ChargedNanoUsd, long Calls);

internal sealed record KeyUsageTotal(Guid KeyId, long ChargedNanoUsd, DateTimeOffset LastUsedAt);

/// <summary>Which records to show: one key, one model, and a time range (<see cref="From"/> inclusive, <see cref="To"/> exclusive).</summary>
internal sealed record UsageFilter(Guid? KeyId, string? Model, DateTimeOffset? From, DateTimeOffset? To)
{
    public static UsageFilter None { get; } = new(null, null, null, null);
}

/// <summary>Where a page of usage ended: records are ordered by creation time, then id, both descending.</summary>
internal sealed record UsagePosition(DateTimeOffset CreatedAt, string Id);
