using OmniaKey.Application.Messaging;

namespace OmniaKey.Modules.Accounts.Application.Accounts.TerminateAccount;

/// <summary>
/// An operator terminates an account (Terms §9): API keys and log-in stop working at once, and Billing settles the
/// balance — forfeited for a <see cref="MaterialBreach"/>, refunded otherwise.
/// </summary>
internal sealed record TerminateAccountCommand(Guid AccountId, string Reason, bool? MaterialBreach) : ICommand;
