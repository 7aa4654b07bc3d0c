using OmniaKey.Application.Messaging;

namespace OmniaKey.Modules.Accounts.Contracts;

/// <summary>
/// Ends a suspension (an operator cleared the review): the account is active again and its suspension reason is
/// cleared. A terminated account cannot be reactivated (422 <c>account_terminated</c>); a missing one is a 404.
/// </summary>
public sealed record ReactivateAccountCommand(Guid AccountId) : ICommand;
