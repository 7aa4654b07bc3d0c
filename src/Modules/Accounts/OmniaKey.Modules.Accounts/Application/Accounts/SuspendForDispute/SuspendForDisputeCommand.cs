using OmniaKey.Application.Messaging;

namespace OmniaKey.Modules.Accounts.Application.Accounts.SuspendForDispute;

/// <summary>Suspends an account's API access because one of its payments is disputed, until an operator reviews it.</summary>
internal sealed record SuspendForDisputeCommand(Guid AccountId, string Reason) : ICommand;
