using OmniaKey.Application.Abstractions;
using OmniaKey.Application.Exceptions;
using OmniaKey.Application.Messaging;
using OmniaKey.Modules.Accounts.Domain.Accounts;

namespace OmniaKey.Modules.Accounts.Application.Accounts.ChangeAccountStatus;

/// <summary>
/// The change is committed before the cached status is evicted, so no request can re-cache the old status in between.
/// </summary>
internal sealed class ChangeAccountStatusCommandHandler(IAccountRepository accounts, IAccountStatusCache cache, IUnitOfWork unitOfWork)
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

        await unitOfWork.CommitAsync(cancellationToken);
        cache.Evict(account.Id);
    }
}
