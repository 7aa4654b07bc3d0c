using Microsoft.EntityFrameworkCore;
using OmniaKey.Modules.Routing.Domain.Promotions;

namespace OmniaKey.Modules.Routing.Infrastructure.Persistence;

internal sealed class PromotionRepository(RoutingDbContext db) : IPromotionRepository
{
    public void Add(Promotion promotion) => db.Promotions.Add(promotion);

    public void Remove(Promotion promotion) => db.Promotions.Remove(promotion);

    public Task<Promotion?> FindAsync(Guid id, CancellationToken cancellationToken) =>
        db.Promotions.FirstOrDefaultAsync(p => p.Id == id, cancellationToken);

    public Task<Promotion?> ReadAsync(Guid id, CancellationToken cancellationToken) =>
        db.Promotions.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, cancellationToken);

    public async Task<IReadOnlyList<Promotion>> ListAsync(CancellationToken cancellationToken) =>
        await db.Promotions.AsNoTracking().OrderByDescending(p => p.StartsAt).ThenBy(p => p.Id).ToListAsync(cancellationToken);

    public async Task<IReadOnlyList<Promotion>> ListNotEndedAsync(DateTimeOffset moment, CancellationToken cancellationToken)
    {
        var utc = moment.ToUniversalTime();
        return await db.Promotions.AsNoTracking().Where(p => p.EndsAt > utc).OrderBy(p => p.StartsAt).ToListAsync(cancellationToken);
    }
}
