using OmniaKey.Application.Abstractions;
using OmniaKey.Application.Exceptions;
using OmniaKey.Application.Messaging;
using OmniaKey.Modules.Routing.Domain.Channels;

namespace OmniaKey.Modules.Routing.Application.Channels.UpdateChannel;

internal sealed class UpdateChannelCommandHandler(
    IChannelRepository channels,
    ICredentialProtector protector,
    IChannelCache cache,
    IUnitOfWork unitOfWork,
    TimeProvider clock) : ICommandHandler<UpdateChannelCommand, ChannelDto>
{
    public async Task<ChannelDto> Handle(UpdateChannelCommand command, CancellationToken cancellationToken)
    {
        var channel = await channels.FindAsync(command.Id, cancellationToken)
            ?? throw new NotFoundException("channel_not_found", $"Channel {command.Id} does not exist.");
        var name = command.Name?.Trim() ?? channel.Name;
        if (name != channel.Name && await channels.NameTakenAsync(name, channel.Id, cancellationToken))
        {
            throw new ConflictException("channel_name_taken", $"A channel named '{name}' already exists.");
        }

        var now = clock.GetUtcNow();
        channel.Apply(
            new ChannelSettings(
                name,
                command.BaseUrl?.TrimEnd('/') ?? channel.BaseUrl,
                command.Priority ?? channel.Priority,
                command.Weight ?? channel.Weight,
                command.Enabled ?? channel.Enabled,
                command.Models ?? channel.Models),
            now);
        if (command.Credential is not null)
        {
            channel.ReplaceCredential(protector.Protect(command.Credential), now);
        }

        unitOfWork.OnCommitted(cache.Invalidate);
        return ChannelDto.From(channel);
    }
}
