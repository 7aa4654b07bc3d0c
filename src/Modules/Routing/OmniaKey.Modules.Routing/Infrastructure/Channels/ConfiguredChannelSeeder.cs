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
        foreach (var upstream in options.Configured)
        {
            var channel = await db.Channels.FirstOrDefaultAsync(c => c.Name == upstream.ChannelName, cancellationToken);
            if (channel is null)
            {
                var settings = new ChannelSettings(upstream.ChannelName, upstream.BaseUrl, 0, 1, true, []);
                db.Channels.Add(Channel.Create(settings, upstream.Provider, protector.Protect(upstream.ApiKey), now));
                continue;
            }

            if (channel.BaseUrl != upstream.BaseUrl || CredentialOf(channel) != upstream.ApiKey)
            {
                channel.Apply(new ChannelSettings(channel.Name, upstream.BaseUrl, channel.Priority, channel.Weight, channel.Enabled, channel.Models), now);
                channel.ReplaceCredential(protector.Protect(upstream.ApiKey), now);
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        cache.Invalidate();
    }

    /// <summary>The stored credential, or null when it can no longer be decrypted (the key ring was lost).</summary>
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
