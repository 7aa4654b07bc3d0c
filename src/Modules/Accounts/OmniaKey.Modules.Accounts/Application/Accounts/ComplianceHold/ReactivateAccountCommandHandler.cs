using OmniaKey.Application.Exceptions;
using OmniaKey.Application.Messaging;
using OmniaKey.Modules.Accounts.Contracts;
using OmniaKey.Modules.Accounts.Domain.Accounts;

namespace OmniaKey.Modules.Accounts.Application.Accounts.ComplianceHold;

/// <summary>Reactivates; the cached status is evicted once this commits (AccountStatusChangedDomainEventHandler).</summary>
internal sealed class ReactivateAccountCommandHandler(IAccountRepository accounts, TimeProvider clock) : ICommandHandler<ReactivateAccountCommand>
{
    public async Task Handle(ReactivateAccountCommand command, CancellationToken cancellationToken)
    {
        var account = await accounts.FindAsync(command.AccountId, cancellationToken)
            ?? throw new NotFoundException("account_not_found", $"Account {command.AccountId} does not exist.");
        account.Reactivate(clock.GetUtcNow());
    }
}
