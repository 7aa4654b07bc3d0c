using Microsoft.EntityFrameworkCore;
using OmniaKey.Modules.Keys.Domain.ApiKeys;

namespace OmniaKey.Modules.Keys.Infrastructure.Persistence;

internal sealed class ApiKeyRepository(KeysDbContext db) : IApiKeyRepository
{
    public void Add(ApiKey key) => db.ApiKeys.Add(key);

    public Task<ApiKey?> FindAsync(Guid accountId, Guid keyId, CancellationToken cancellationToken) =>
        db.ApiKeys.FirstOrDefaultAsync(k => k.Id == keyId && k.AccountId == accountId, cancellationToken);

    public Task<ApiKey?> GetAsync(Guid accountId, Guid keyId, CancellationToken cancellationToken) =>
        db.ApiKeys.AsNoTracking().FirstOrDefaultAsync(k => k.Id == keyId && k.AccountId == accountId, cancellationToken);

    public async Task<IReadOnlyList<ApiKey>> ListAsync(Guid accountId, Guid? after, int limit, CancellationToken cancellationToken)
    {
        var keys = db.ApiKeys.AsNoTracking().Where(k => k.AccountId == accountId);
        if (after is { } position)
        {
            keys = keys.Where(k => k.Id.CompareTo(position) > 0);
        }

        return await keys.OrderBy(k => k.Id).Take(limit).ToListAsync(cancellationToken);
    }

    public Task<int> CountActiveAsync(Guid accountId, CancellationToken cancellationToken) =>
        db.ApiKeys.CountAsync(k => k.AccountId == accountId && k.RevokedAt == null, cancellationToken);
}
