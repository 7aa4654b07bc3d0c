using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OmniaKey.Infrastructure.Caching;
using OmniaKey.Infrastructure.Caching.ClusterInvalidation;
using OmniaKey.Infrastructure.Startup;
using OmniaKey.Modules.Accounts.Contracts;
using OmniaKey.Modules.Accounts.Domain.Accounts;
using OmniaKey.Modules.Accounts.Infrastructure.Persistence;

namespace OmniaKey.Modules.Accounts.Infrastructure;

/// <summary>
/// Account status for the hot path, from memory with stale-while-revalidate
/// (docs/adr/0020-stale-while-revalidate-caches.md). Status changes evict the entry on every instance
/// (docs/adr/0032-cluster-wide-invalidation.md): here at once, elsewhere when the signal arrives. Unknown accounts are not remembered: the hot path
/// asks only for accounts that own a valid key, so misses are not a flood to absorb, and an account created on
/// another instance is found at once.
/// </summary>
internal sealed class CachedAccountDirectory : IAccountDirectory, IAccountStatusCache, IStartupWarmup
{
    /// <summary>Five seconds fresh, hard bound three times that, up to 100,000 accounts.</summary>
    internal static readonly StaleWhileRevalidateOptions Options =
        StaleWhileRevalidateOptions.ForLifetime(TimeSpan.FromSeconds(5)) with { MaxEntries = 100_000, CacheMisses = false };

    /// <summary>The cluster invalidation topic of account status; ids are account ids.</summary>
    internal const string Topic = "account-status";

    private readonly StaleWhileRevalidateCache<Guid, AccountStatusDto> statuses;

    private readonly IClusterInvalidation invalidation;

    private readonly IServiceScopeFactory scopes;

    public CachedAccountDirectory(
        IServiceScopeFactory scopes, IClusterInvalidation invalidation, TimeProvider clock, ILogger<CachedAccountDirectory> logger)
    {
        statuses = new("account status", (id, ct) => LoadAsync(scopes, id, ct), Options, clock, logger);
        this.invalidation = invalidation;
        this.scopes = scopes;
        // A singleton for the process's life: the subscription is never disposed.
        invalidation.Subscribe(
            Topic,
            id =>
            {
                if (Guid.TryParse(id, out var accountId))
                {
                    statuses.Evict(accountId);
                }
            },
            statuses.EvictAll);
    }

    public async Task<bool> ExistsAsync(Guid accountId, CancellationToken cancellationToken) =>
        await GetStatusAsync(accountId, cancellationToken) is not null;

    public Task<AccountStatusDto?> GetStatusAsync(Guid accountId, CancellationToken cancellationToken) =>
        statuses.GetAsync(accountId, cancellationToken).AsTask();

    /// <summary>
    /// Runs the status query once, past the cache, for an account id none has: it is compiled before the first
    /// call, and nothing is remembered.
    /// </summary>
    public async Task WarmAsync(CancellationToken cancellationToken) => await LoadAsync(scopes, Guid.Empty, cancellationToken);

    /// <summary>Evicts here at once and on every other instance when the signal arrives (call after the commit).</summary>
    public void Evict(Guid accountId) => invalidation.Publish(Topic, accountId.ToString("N"));

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
