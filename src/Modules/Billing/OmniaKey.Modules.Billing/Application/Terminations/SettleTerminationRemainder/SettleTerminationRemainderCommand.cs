using OmniaKey.Application.Messaging;

namespace OmniaKey.Modules.Billing.Application.Terminations.SettleTerminationRemainder;

/// <summary>
/// Settles money that reached a terminated account's available balance after its termination was settled: a hold
/// of a call then in flight, or a balance lease another instance gave back (docs/adr/0053). It is treated as the
/// termination treated the rest: refunded (what of it is refundable), or forfeited for a material breach.
/// Idempotent: run twice, or on two instances at once, it moves the money once.
/// </summary>
internal sealed record SettleTerminationRemainderCommand(Guid AccountId) : ICommand;
