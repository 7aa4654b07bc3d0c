using OmniaKey.Application.Messaging;

namespace OmniaKey.Modules.Routing.Application.Channels.DeleteChannel;

/// <summary>Removes a channel. Calls already running on it finish; new calls no longer go there.</summary>
internal sealed record DeleteChannelCommand(Guid Id) : ICommand;
