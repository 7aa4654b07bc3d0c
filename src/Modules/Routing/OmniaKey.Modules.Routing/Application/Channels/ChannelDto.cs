using OmniaKey.Modules.Routing.Domain.Channels;

namespace OmniaKey.Modules.Routing.Application.Channels;

/// <summary>A channel as the admin API shows it. The credential is write-only: it never leaves the service.</summary>
internal sealed record ChannelDto(
    Guid Id,
    string Name,
    string Provider,
    string BaseUrl,
    int Priority,
    int Weight,
    bool Enabled,
    IReadOnlyList<string> Models,
    bool HasCredential,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public static ChannelDto From(Channel channel) => new(
        channel.Id,
        channel.Name,
        channel.Provider,
        channel.BaseUrl,
        channel.Priority,
        channel.Weight,
        channel.Enabled,
        channel.Models,
        channel.EncryptedCredential.Length > 0,
        channel.CreatedAt,
        channel.UpdatedAt);
}
