namespace OmniaKey.Modules.Routing.Domain.Promotions;

internal interface IPromotionRepository
{
    void Add(Promotion promotion);

    void Remove(Promotion promotion);

    /// <summary>A promotion to change (tracked).</summary>
    Task<Promotion?> FindAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>A promotion to read (not tracked).</summary>
    Task<Promotion?> ReadAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>Every promotion, latest start first.</summary>
    Task<IReadOnlyList<Promotion>> ListAsync(CancellationToken cancellationToken);

    /// <summary>The promotions that have not ended at <paramref name="moment"/> (running or scheduled), not tracked.</summary>
    Task<IReadOnlyList<Promotion>> ListNotEndedAsync(DateTimeOffset moment, CancellationToken cancellationToken);
}

/// <summary>Drops this instance's cached promotions, so the next quote sees committed changes.</summary>
internal interface IPromotionCache
{
    void Invalidate();
}
