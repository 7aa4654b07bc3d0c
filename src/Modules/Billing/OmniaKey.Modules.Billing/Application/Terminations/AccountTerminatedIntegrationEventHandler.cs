using OmniaKey.Application.Messaging;
using OmniaKey.Modules.Accounts.Contracts;
using OmniaKey.Modules.Billing.Application.Balances;
using OmniaKey.Modules.Billing.Application.Terminations.SettleTerminatedAccount;

namespace OmniaKey.Modules.Billing.Application.Terminations;

/// <summary>
/// Settles a terminated account's balance through Billing's own pipeline; the command is idempotent. Like any reader
/// of an account's money it first lets this instance's queued settlements commit and its balance lease give back what
/// it has not lent, outside the command's transaction, so that the settlement sees that money as available. What
/// comes back later (another instance's lease, a call still in flight) is settled by
/// <see cref="SettleTerminationRemainder.SettleTerminationRemainderCommand"/> (docs/adr/0053).
/// </summary>
internal sealed class AccountTerminatedIntegrationEventHandler(IDispatcher dispatcher, IPendingSettlements pending) : IIntegrationEventHandler<AccountTerminatedIntegrationEvent>
{
    public async Task HandleAsync(AccountTerminatedIntegrationEvent integrationEvent, CancellationToken cancellationToken)
    {
        await pending.WaitForAccountAsync(integrationEvent.AccountId, cancellationToken);
        await dispatcher.Send(new SettleTerminatedAccountCommand(integrationEvent.AccountId, integrationEvent.MaterialBreach, integrationEvent.Reason), cancellationToken);
    }
}
