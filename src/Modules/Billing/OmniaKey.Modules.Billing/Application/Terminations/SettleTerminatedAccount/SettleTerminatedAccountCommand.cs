using OmniaKey.Application.Messaging;

namespace OmniaKey.Modules.Billing.Application.Terminations.SettleTerminatedAccount;

/// <summary>
/// Settles the balance of a terminated account, once (Terms §9): for a material breach it is forfeited; otherwise
/// the unused paid balance is refunded, approved at once.
/// </summary>
internal sealed record SettleTerminatedAccountCommand(Guid AccountId, bool MaterialBreach, string Reason) : ICommand;
