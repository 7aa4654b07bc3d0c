using OmniaKey.Application.Messaging;

namespace OmniaKey.Modules.Routing.Application.Channels.ListChannels;

internal sealed record ListChannelsQuery : IQuery<IReadOnlyList<ChannelDto>>;

internal sealed record GetChannelQuery(Guid Id) : IQuery<ChannelDto>;
