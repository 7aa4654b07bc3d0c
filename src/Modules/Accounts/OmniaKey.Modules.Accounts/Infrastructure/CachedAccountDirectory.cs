using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using OmniaKey.Modules.Accounts.Contracts;
using OmniaKey.Modules.Accounts.Domain.Accounts;
using OmniaKey.Modules.Accounts.Infrastructure.Persistence;

namespace OmniaKey.Modules.Accounts.Infrastructure;

/// <summary>
/// Account status for the hot path, from memory. Status changes evict the entry in this process at once; a short
/// lifetime bounds how long another instance can serve a stale status.
/// </summary>
internal sealed class CachedAccountDirectory(IMemoryCache cache, IServiceScopeFactory scopes) : IAccountDirectory, IAccountStatusCache
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(5);

    public async Task<bool> ExistsAsync(Guid accountId, CancellationToken cancellationToken) =>
        await GetStatusAsync(accountId, cancellationToken) is not null;

    public async Task<AccountStatusDto?> GetStatusAsync(Guid accountId, CancellationToken cancellationToken)
    {
        if (cache.TryGetValue(CacheKey(accountId), out AccountStatusDto? cached))
        {
            return cached;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AccountsDbContext>();
        var status = await db.Accounts.AsNoTracking()
            .Where(a => a.Id == accountId)
            .Select(a => (AccountStatus?)a.Status)
            .FirstOrDefaultAsync(cancellationToken);
        if (status is null)
        {
            return null;
        }

        var dto = new AccountStatusDto(accountId, Application.Accounts.AccountMapping.StatusName(status.Value));
        cache.Set(CacheKey(accountId), dto, Lifetime);
        return dto;
    }

    public void Evict(Guid accountId) => cache.Remove(CacheKey(accountId));

    private static string CacheKey(Guid accountId) => $"accounts:status:{accountId:N}";
}
