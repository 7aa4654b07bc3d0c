using OmniaKey.Application.Messaging;

namespace OmniaKey.Modules.Routing.Application.Channels.CreateChannel;

/// <summary>Adds an upstream account. Omitted settings take defaults: the provider's public base URL, priority 0, weight 1, enabled, all models.</summary>
internal sealed record CreateChannelCommand(
    string Name,
    string Provider,
    string? BaseUrl,
    string Credential,
    int? Priority,
    int? Weight,
    bool? Enabled,
    IReadOnlyList<string>? Models) : ICommand<ChannelDto>;
