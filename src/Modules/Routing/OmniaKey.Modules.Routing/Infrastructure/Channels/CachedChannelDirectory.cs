using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OmniaKey.Infrastructure.Caching;
using OmniaKey.Infrastructure.Caching.ClusterInvalidation;
using OmniaKey.Infrastructure.Startup;
using OmniaKey.Modules.Routing.Application.Channels;
using OmniaKey.Modules.Routing.Domain.Catalog;
using OmniaKey.Modules.Routing.Infrastructure.Persistence;
using OmniaKey.Modules.Routing.Infrastructure.Providers;

namespace OmniaKey.Modules.Routing.Infrastructure.Channels;

/// <summary>
/// The enabled channels with their credentials decrypted, held in memory and reloaded in the background after a short
/// lifetime, so the hot path never reads the database or decrypts per call. Admin edits invalidate it at once on this
/// instance and, through the cluster signal, on the others (docs/adr/0020-stale-while-revalidate-caches.md, 0032).
/// </summary>
internal sealed partial class CachedChannelDirectory : IChannelDirectory, IChannelCache, IStartupWarmup
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(10);
    private readonly IServiceScopeFactory scopes;
    private readonly ILogger<CachedChannelDirectory> logger;
    private readonly RefreshingSnapshot<IReadOnlyDictionary<string, IReadOnlyList<RoutableChannel>>> channels;

    public CachedChannelDirectory(IServiceScopeFactory scopes, TimeProvider clock, ILogger<CachedChannelDirectory> logger, IClusterInvalidation? cluster = null)
    {
        this.scopes = scopes;
        this.logger = logger;
        channels = new("channels", LoadAsync, clock, StaleWhileRevalidateOptions.ForLifetime(Lifetime), logger, cluster);
    }

    public async ValueTask<IReadOnlyList<UpstreamTarget>> CandidatesAsync(CatalogModel model, CancellationToken cancellationToken)
    {
        var byProvider = await channels.GetAsync(cancellationToken);
        return byProvider.TryGetValue(model.Provider, out var candidates)
            ? ChannelOrder.Arrange([.. candidates.Where(c => c.Serves(model.Id))], Random.Shared)
            : [];
    }

    /// <summary>How many enabled channels with a readable credential each provider has (for readiness).</summary>
    public async ValueTask<IReadOnlyDictionary<string, int>> UsableChannelsByProviderAsync(CancellationToken cancellationToken) =>
        (await channels.GetAsync(cancellationToken)).ToDictionary(p => p.Key, p => p.Value.Count, StringComparer.Ordinal);

    public void Invalidate() => channels.Invalidate();

    /// <summary>Loads and decrypts the channels the first call would.</summary>
    public async Task WarmAsync(CancellationToken cancellationToken) => await channels.GetAsync(cancellationToken);

    private async Task<IReadOnlyDictionary<string, IReadOnlyList<RoutableChannel>>> LoadAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RoutingDbContext>();
        var protector = scope.ServiceProvider.GetRequiredService<ICredentialProtector>();
        var enabled = await db.Channels.AsNoTracking().Where(c => c.Enabled).ToListAsync(cancellationToken);
        var usable = new List<RoutableChannel>();
        foreach (var channel in enabled)
        {
            try
            {
                var target = new UpstreamTarget(channel.Id, channel.Name, channel.Provider, UpstreamTarget.NormalizeBaseUrl(channel.BaseUrl), protector.Unprotect(channel.EncryptedCredential));
                usable.Add(new RoutableChannel(target, channel.Priority, channel.Weight, channel.Models.ToHashSet(StringComparer.Ordinal)));
            }
            catch (CryptographicException)
            {
                LogUndecryptable(channel.Name);
            }
        }

        return usable.GroupBy(c => c.Target.Provider).ToDictionary(g => g.Key, g => (IReadOnlyList<RoutableChannel>)[.. g]);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The credential of channel {Channel} cannot be decrypted (was the Data Protection key ring lost?); the channel is skipped")]
    private partial void LogUndecryptable(string channel);
}

/// <summary>The relay's view of the channels: those that may serve a model, in the order to try them.</summary>
internal interface IChannelDirectory
{
    ValueTask<IReadOnlyList<UpstreamTarget>> CandidatesAsync(CatalogModel model, CancellationToken cancellationToken);
}
