using OmniaKey.Modules.Routing.Domain.Promotions;

namespace OmniaKey.UnitTests.Routing.Promotions;

/// <summary>Promotions in a list; counts how often the price book loads them.</summary>
internal sealed class FakePromotionRepository : IPromotionRepository
{
    private readonly List<Promotion> promotions = [];

    public int Loads { get; private set; }

    public void Add(Promotion promotion) => promotions.Add(promotion);

    public void Remove(Promotion promotion) => promotions.Remove(promotion);

    public Task<Promotion?> FindAsync(Guid id, CancellationToken cancellationToken) =>
        Task.FromResult(promotions.FirstOrDefault(p => p.Id == id));

    public Task<Promotion?> ReadAsync(Guid id, CancellationToken cancellationToken) => FindAsync(id, cancellationToken);

    public Task<IReadOnlyList<Promotion>> ListAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<Promotion>>([.. promotions]);

    public Task<IReadOnlyList<Promotion>> ListNotEndedAsync(DateTimeOffset moment, CancellationToken cancellationToken)
    {
        Loads++;
        return Task.FromResult<IReadOnlyList<Promotion>>([.. promotions.Where(p => p.EndsAt > moment)]);
    }
}
