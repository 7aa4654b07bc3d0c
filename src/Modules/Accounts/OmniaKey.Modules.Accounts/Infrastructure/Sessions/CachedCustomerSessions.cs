using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OmniaKey.Application.Abstractions;
using OmniaKey.Infrastructure.Caching;
using OmniaKey.Modules.Accounts.Domain.Sessions;
using OmniaKey.Modules.Accounts.Infrastructure.Persistence;

namespace OmniaKey.Modules.Accounts.Infrastructure.Sessions;

/// <summary>
/// The session state of each account (its session generation and the ids of tokens logged out before expiry), from
/// memory with stale-while-revalidate like the account status (docs/adr/0020-stale-while-revalidate-caches.md). A
/// change on this instance evicts the entry once it commits, so the very next request sees it; another instance sees
/// it within <see cref="Options"/>' freshness (docs/adr/0029-account-sessions-and-self-service.md).
/// </summary>
internal sealed class CachedCustomerSessions : ICustomerSessions, ISessionStateCache
{
    internal static readonly StaleWhileRevalidateOptions Options =
        StaleWhileRevalidateOptions.ForLifetime(TimeSpan.FromSeconds(5)) with { MaxEntries = 100_000, CacheMisses = false };

    private readonly StaleWhileRevalidateCache<Guid, SessionState> states;

    public CachedCustomerSessions(IServiceScopeFactory scopes, TimeProvider clock, ILogger<CachedCustomerSessions> logger) =>
        states = new("customer sessions", (id, ct) => LoadAsync(scopes, clock, id, ct), Options, clock, logger);

    public async ValueTask<bool> IsCurrentAsync(Guid accountId, int sessionGeneration, Guid tokenId, CancellationToken cancellationToken) =>
        await states.GetAsync(accountId, cancellationToken) is { } state
        && state.Generation == sessionGeneration
        && !state.RevokedTokens.Contains(tokenId);

    public void Evict(Guid accountId) => states.Evict(accountId);

    private static async Task<SessionState?> LoadAsync(IServiceScopeFactory scopes, TimeProvider clock, Guid accountId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AccountsDbContext>();
        var generation = await db.Accounts.AsNoTracking()
            .Where(a => a.Id == accountId)
            .Select(a => (int?)a.SessionGeneration)
            .FirstOrDefaultAsync(cancellationToken);
        if (generation is null)
        {
            return null;
        }

        var now = clock.GetUtcNow();
        var revoked = await db.RevokedSessions.AsNoTracking()
            .Where(s => s.AccountId == accountId && s.ExpiresAt > now)
            .Select(s => s.TokenId)
            .ToListAsync(cancellationToken);
        return new SessionState(generation.Value, revoked.ToHashSet());
    }

    private sealed record SessionState(int Generation, IReadOnlySet<Guid> RevokedTokens);
}
