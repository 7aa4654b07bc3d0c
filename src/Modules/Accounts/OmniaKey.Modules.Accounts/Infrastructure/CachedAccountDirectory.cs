using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OmniaKey.Infrastructure.Caching;
using OmniaKey.Modules.Accounts.Contracts;
using OmniaKey.Modules.Accounts.Domain.Accounts;
using OmniaKey.Modules.Accounts.Infrastructure.Persistence;

namespace OmniaKey.Modules.Accounts.Infrastructure;

/// <summary>
/// Account status for the hot path, from memory with stale-while-revalidate
/// (docs/adr/0020-stale-while-revalidate-caches.md). Status changes evict the entry in this process at once; another
/// instance serves a stale status until its entry is reloaded. Unknown accounts are not remembered: the hot path
/// asks only for accounts that own a valid key, so misses are not a flood to absorb, and an account created on
/// another instance is found at once.
/// </summary>
internal sealed class CachedAccountDirectory : IAccountDirectory, IAccountStatusCache
{
    /// <summary>Five seconds fresh, hard bound three times that, up to 100,000 accounts.</summary>
    internal static readonly StaleWhileRevalidateOptions Options =
        StaleWhileRevalidateOptions.ForLifetime(TimeSpan.FromSeconds(5)) with { MaxEntries = 100_000, CacheMisses = false };

    private readonly StaleWhileRevalidateCache<Guid, AccountStatusDto> statuses;

    public CachedAccountDirectory(IServiceScopeFactory scopes, TimeProvider clock, ILogger<CachedAccountDirectory> logger) =>
        statuses = new("account status", (id, ct) => LoadAsync(scopes, id, ct), Options, clock, logger);

    public async Task<bool> ExistsAsync(Guid accountId, CancellationToken cancellationToken) =>
        await GetStatusAsync(accountId, cancellationToken) is not null;

    public Task<AccountStatusDto?> GetStatusAsync(Guid accountId, CancellationToken cancellationToken) =>
        statuses.GetAsync(accountId, cancellationToken).AsTask();

    public void Evict(Guid accountId) => statuses.Evict(accountId);

    private static async Task<AccountStatusDto?> LoadAsync(IServiceScopeFactory scopes, Guid accountId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AccountsDbContext>();
        var status = await db.Accounts.AsNoTracking()
            .Where(a => a.Id == accountId)
            .Select(a => (AccountStatus?)a.Status)
            .FirstOrDefaultAsync(cancellationToken);
        return status is null ? null : new AccountStatusDto(accountId, Application.Accounts.AccountMapping.StatusName(status.Value));
    }
}
