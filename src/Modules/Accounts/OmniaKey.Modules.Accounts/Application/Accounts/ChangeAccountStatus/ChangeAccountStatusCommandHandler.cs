using OmniaKey.Application.Exceptions;
using OmniaKey.Application.Messaging;
using OmniaKey.Modules.Accounts.Domain.Accounts;

namespace OmniaKey.Modules.Accounts.Application.Accounts.ChangeAccountStatus;

internal sealed class ChangeAccountStatusCommandHandler(IAccountRepository accounts, IAccountStatusCache cache)
    : ICommandHandler<ChangeAccountStatusCommand>
{
    public async Task Handle(ChangeAccountStatusCommand command, CancellationToken cancellationToken)
    {
        var account = await accounts.FindAsync(command.AccountId, cancellationToken)
            ?? throw new NotFoundException("account_not_found", $"Account {command.AccountId} does not exist.");
        if (command.Suspend)
        {
            account.Suspend();
        }
        else
        {
            account.Reactivate();
        }

        cache.Evict(account.Id);
    }
}
