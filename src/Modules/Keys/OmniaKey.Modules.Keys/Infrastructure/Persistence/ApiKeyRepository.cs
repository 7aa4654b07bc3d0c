using Microsoft.EntityFrameworkCore;
using OmniaKey.Modules.Keys.Domain.ApiKeys;

namespace OmniaKey.Modules.Keys.Infrastructure.Persistence;

internal sealed class ApiKeyRepository(KeysDbContext db) : IApiKeyRepository
{
    public void Add(ApiKey key) => db.ApiKeys.Add(key);

    public Task<ApiKey?> FindAsync(Guid accountId, Guid keyId, CancellationToken cancellationToken) =>
        db.ApiKeys.FirstOrDefaultAsync(k => k.Id == keyId && k.AccountId == accountId, cancellationToken);

    public async Task<IReadOnlyList<ApiKey>> ListAsync(Guid accountId, CancellationToken cancellationToken) =>
        await db.ApiKeys.AsNoTracking().Where(k => k.AccountId == accountId).OrderBy(k => k.Id).ToListAsync(cancellationToken);

    public Task<int> CountActiveAsync(Guid accountId, CancellationToken cancellationToken) =>
        db.ApiKeys.CountAsync(k => k.AccountId == accountId && k.RevokedAt == null, cancellationToken);
}
