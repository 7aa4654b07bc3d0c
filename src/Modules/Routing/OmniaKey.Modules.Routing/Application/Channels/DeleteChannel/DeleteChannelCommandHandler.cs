using OmniaKey.Application.Abstractions;
using OmniaKey.Application.Exceptions;
using OmniaKey.Application.Messaging;
using OmniaKey.Modules.Routing.Domain.Channels;

namespace OmniaKey.Modules.Routing.Application.Channels.DeleteChannel;

internal sealed class DeleteChannelCommandHandler(IChannelRepository channels, IChannelCache cache, IUnitOfWork unitOfWork)
    : ICommandHandler<DeleteChannelCommand>
{
    public async Task Handle(DeleteChannelCommand command, CancellationToken cancellationToken)
    {
        var channel = await channels.FindAsync(command.Id, cancellationToken)
            ?? throw new NotFoundException("channel_not_found", $"Channel {command.Id} does not exist.");
        channels.Remove(channel);
        unitOfWork.OnCommitted(cache.Invalidate);
    }
}
