using OmniaKey.Application.Exceptions;
using OmniaKey.Application.Messaging;
using OmniaKey.Modules.Routing.Domain.Channels;

namespace OmniaKey.Modules.Routing.Application.Channels.ListChannels;

internal sealed class ListChannelsQueryHandler(IChannelRepository channels) : IQueryHandler<ListChannelsQuery, IReadOnlyList<ChannelDto>>
{
    public async Task<IReadOnlyList<ChannelDto>> Handle(ListChannelsQuery query, CancellationToken cancellationToken) =>
        [.. (await channels.ListAsync(cancellationToken)).Select(ChannelDto.From)];
}

internal sealed class GetChannelQueryHandler(IChannelRepository channels) : IQueryHandler<GetChannelQuery, ChannelDto>
{
    public async Task<ChannelDto> Handle(GetChannelQuery query, CancellationToken cancellationToken) =>
        ChannelDto.From(await channels.FindAsync(query.Id, cancellationToken)
            ?? throw new NotFoundException("channel_not_found", $"Channel {query.Id} does not exist."));
}
