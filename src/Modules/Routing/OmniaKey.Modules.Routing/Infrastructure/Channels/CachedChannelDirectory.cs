using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OmniaKey.Modules.Routing.Application.Channels;
using OmniaKey.Modules.Routing.Domain.Catalog;
using OmniaKey.Modules.Routing.Infrastructure.Persistence;
using OmniaKey.Modules.Routing.Infrastructure.Providers;

namespace OmniaKey.Modules.Routing.Infrastructure.Channels;

/// <summary>
/// The enabled channels with their credentials decrypted, held in memory and reloaded after a short lifetime, so
/// the hot path never reads the database or decrypts per call. Admin edits invalidate it at once on this instance.
/// </summary>
internal sealed partial class CachedChannelDirectory(
    IServiceScopeFactory scopes,
    TimeProvider clock,
    ILogger<CachedChannelDirectory> logger) : IChannelDirectory, IChannelCache
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(10);
    private volatile Snapshot? snapshot;

    public async ValueTask<IReadOnlyList<UpstreamTarget>> CandidatesAsync(CatalogModel model, CancellationToken cancellationToken)
    {
        var current = await GetAsync(cancellationToken);
        if (!current.ByProvider.TryGetValue(model.Provider, out var channels))
        {
            return [];
        }

        return ChannelOrder.Arrange(channels.Where(c => c.Serves(model.Id)).ToList(), Random.Shared);
    }

    public void Invalidate() => snapshot = null;

    private async ValueTask<Snapshot> GetAsync(CancellationToken cancellationToken)
    {
        var current = snapshot;
        if (current is not null && current.LoadedAt + Lifetime > clock.GetUtcNow())
        {
            return current;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RoutingDbContext>();
        var protector = scope.ServiceProvider.GetRequiredService<ICredentialProtector>();
        var channels = await db.Channels.AsNoTracking().Where(c => c.Enabled).ToListAsync(cancellationToken);
        var usable = new List<RoutableChannel>();
        foreach (var channel in channels)
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

        current = new Snapshot(usable.GroupBy(c => c.Target.Provider).ToDictionary(g => g.Key, g => (IReadOnlyList<RoutableChannel>)[.. g]), clock.GetUtcNow());
        snapshot = current;
        return current;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The credential of channel {Channel} cannot be decrypted (was the Data Protection key ring lost?); the channel is skipped")]
    private partial void LogUndecryptable(string channel);

    private sealed record Snapshot(IReadOnlyDictionary<string, IReadOnlyList<RoutableChannel>> ByProvider, DateTimeOffset LoadedAt);
}

/// <summary>The relay's view of the channels: those that may serve a model, in the order to try them.</summary>
internal interface IChannelDirectory
{
    ValueTask<IReadOnlyList<UpstreamTarget>> CandidatesAsync(CatalogModel model, CancellationToken cancellationToken);
}
