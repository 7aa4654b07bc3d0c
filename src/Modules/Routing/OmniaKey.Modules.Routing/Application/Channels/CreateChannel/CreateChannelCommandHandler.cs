using OmniaKey.Application.Abstractions;
using OmniaKey.Application.Exceptions;
using OmniaKey.Application.Messaging;
using OmniaKey.Modules.Routing.Domain.Channels;
using OmniaKey.Modules.Routing.Domain.Providers;

namespace OmniaKey.Modules.Routing.Application.Channels.CreateChannel;

internal sealed class CreateChannelCommandHandler(
    IChannelRepository channels,
    ICredentialProtector protector,
    IChannelCache cache,
    IUnitOfWork unitOfWork,
    TimeProvider clock) : ICommandHandler<CreateChannelCommand, ChannelDto>
{
    public async Task<ChannelDto> Handle(CreateChannelCommand command, CancellationToken cancellationToken)
    {
        var name = command.Name.Trim();
        if (await channels.NameTakenAsync(name, null, cancellationToken))
        {
            throw new ConflictException("channel_name_taken", $"A channel named '{name}' already exists.");
        }

        var settings = new ChannelSettings(
            name,
            command.BaseUrl?.TrimEnd('/') ?? ProviderNames.DefaultBaseUrl(command.Provider),
            command.Priority ?? 0,
            command.Weight ?? 1,
            command.Enabled ?? true,
            command.Models ?? []);
        var channel = Channel.Create(settings, command.Provider, protector.Protect(command.Credential), clock.GetUtcNow());
        channels.Add(channel);
        unitOfWork.OnCommitted(cache.Invalidate);
        return ChannelDto.From(channel);
    }
}
