using OmniaKey.Application.Messaging;

namespace OmniaKey.Modules.Accounts.Application.Accounts.ChangeAccountStatus;

/// <summary>Suspends or reactivates an account. Suspension stops API calls on the very next request.</summary>
internal sealed record ChangeAccountStatusCommand(Guid AccountId, bool Suspend) : ICommand;
