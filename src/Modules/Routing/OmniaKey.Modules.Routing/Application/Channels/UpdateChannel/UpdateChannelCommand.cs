using OmniaKey.Application.Messaging;

namespace OmniaKey.Modules.Routing.Application.Channels.UpdateChannel;

/// <summary>Changes the given settings of a channel (a partial update); a new credential replaces the old one.</summary>
internal sealed record UpdateChannelCommand(
    Guid Id,
    string? Name,
    string? BaseUrl,
    string? Credential,
    int? Priority,
    int? Weight,
    bool? Enabled,
    IReadOnlyList<string>? Models) : ICommand<ChannelDto>;
