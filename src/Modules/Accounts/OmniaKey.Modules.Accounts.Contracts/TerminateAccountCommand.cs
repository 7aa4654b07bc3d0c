using OmniaKey.Application.Messaging;

namespace OmniaKey.Modules.Accounts.Contracts;

/// <summary>
/// An operator terminates an account (Terms §9): API keys and log-in stop working at once, and Billing settles the
/// balance — forfeited for a <see cref="MaterialBreach"/>, refunded otherwise.
/// </summary>
public sealed record TerminateAccountCommand(Guid AccountId, string Reason, bool? MaterialBreach) : ICommand;
