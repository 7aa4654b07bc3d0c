using OmniaKey.Application.Messaging;

namespace OmniaKey.Modules.Accounts.Contracts;

/// <summary>
/// Suspends an account's access until an operator has reviewed it, with <see cref="Reason"/> shown on the admin
/// account view (e.g. a Restricted Territory review). A missing or terminated account is left as it is.
/// </summary>
public sealed record SuspendAccountForReviewCommand(Guid AccountId, string Reason) : ICommand;
