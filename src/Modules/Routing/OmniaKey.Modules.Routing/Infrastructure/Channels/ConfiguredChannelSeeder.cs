using Microsoft.EntityFrameworkCore;
using OmniaKey.Infrastructure.Persistence;
using OmniaKey.Modules.Routing.Application.Channels;
using OmniaKey.Modules.Routing.Domain.Channels;
using OmniaKey.Modules.Routing.Infrastructure.Persistence;
using OmniaKey.Modules.Routing.Infrastructure.Upstreams;

namespace OmniaKey.Modules.Routing.Infrastructure.Channels;

/// <summary>
/// Keeps one channel per upstream given in configuration (<c>default-openai</c>, …) in step with it at start-up, so
/// that a key in the environment is all a newcomer needs. Channels created through the admin API are left alone.
/// </summary>
internal sealed class ConfiguredChannelSeeder(
    RoutingDbContext db,
    UpstreamOptions options,
    ICredentialProtector protector,
    IChannelCache cache,
    TimeProvider clock) : IDataSeeder
{
    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var changed = false;
        foreach (var upstream in options.Configured)
        {
            // Read without tracking: on a restart nothing has changed, and then nothing is tracked or saved.
            var current = await db.Channels.AsNoTracking().FirstOrDefaultAsync(c => c.Name == upstream.ChannelName, cancellationToken);
            if (current is null)
            {
                var settings = new ChannelSettings(upstream.ChannelName, upstream.BaseUrl, 0, 1, true, []);
                db.Channels.Add(Channel.Create(settings, upstream.Provider, protector.Protect(upstream.ApiKey), now));
                changed = true;
                continue;
            }

            if (current.BaseUrl != upstream.BaseUrl || CredentialOf(current) != upstream.ApiKey)
            {
                var channel = await db.Channels.SingleAsync(c => c.Id == current.Id, cancellationToken);
                channel.Apply(new ChannelSettings(channel.Name, upstream.BaseUrl, channel.Priority, channel.Weight, channel.Enabled, channel.Models), now);
                channel.ReplaceCredential(protector.Protect(upstream.ApiKey), now);
                changed = true;
            }
        }

        if (changed)
        {
            await db.SaveChangesAsync(cancellationToken);
            cache.Invalidate();
        }
    }

    private string? CredentialOf(Channel channel)
    {
        try
        {
            return protector.Unprotect(channel.EncryptedCredential);
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }
}
