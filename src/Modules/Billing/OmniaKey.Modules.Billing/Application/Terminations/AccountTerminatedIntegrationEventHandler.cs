using OmniaKey.Application.Messaging;
using OmniaKey.Modules.Accounts.Contracts;
using OmniaKey.Modules.Billing.Application.Terminations.SettleTerminatedAccount;

namespace OmniaKey.Modules.Billing.Application.Terminations;

/// <summary>Settles a terminated account's balance through Billing's own pipeline; the command is idempotent.</summary>
internal sealed class AccountTerminatedIntegrationEventHandler(IDispatcher dispatcher) : IIntegrationEventHandler<AccountTerminatedIntegrationEvent>
{
    public Task HandleAsync(AccountTerminatedIntegrationEvent integrationEvent, CancellationToken cancellationToken) =>
        dispatcher.Send(new SettleTerminatedAccountCommand(integrationEvent.AccountId, integrationEvent.MaterialBreach, integrationEvent.Reason), cancellationToken);
}
