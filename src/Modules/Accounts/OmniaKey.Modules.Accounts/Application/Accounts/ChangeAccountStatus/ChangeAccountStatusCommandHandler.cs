using OmniaKey.Application.Exceptions;
using OmniaKey.Application.Messaging;
using OmniaKey.Modules.Accounts.Domain.Accounts;

namespace OmniaKey.Modules.Accounts.Application.Accounts.ChangeAccountStatus;

/// <summary>Suspends or reactivates; the cached status is evicted once this commits (AccountStatusChangedDomainEventHandler).</summary>
internal sealed class ChangeAccountStatusCommandHandler(IAccountRepository accounts, TimeProvider clock)
    : ICommandHandler<ChangeAccountStatusCommand>
{
    public async Task Handle(ChangeAccountStatusCommand command, CancellationToken cancellationToken)
    {
        var account = await accounts.FindAsync(command.AccountId, cancellationToken)
            ?? throw new NotFoundException("account_not_found", $"Account {command.AccountId} does not exist.");
        if (command.Suspend)
        {
            account.Suspend(clock.GetUtcNow());
        }
        else
        {
            account.Reactivate(clock.GetUtcNow());
        }

    }
}
