using Microsoft.Extensions.Logging;
using OmniaKey.Application.Exceptions;
using OmniaKey.Application.Messaging;
using OmniaKey.Modules.Accounts.Contracts;
using OmniaKey.Modules.Accounts.Domain.Accounts;

namespace OmniaKey.Modules.Accounts.Application.Accounts.TerminateAccount;

/// <summary>
/// Terminates the account. The aggregate raises the domain events that evict the cached status after the commit and
/// publish <c>AccountTerminatedIntegrationEvent</c> through the outbox in the same transaction. Terminating a
/// terminated account changes nothing: the first reason and breach finding stand, and the outbox already retries a
/// settlement that failed.
/// </summary>
internal sealed partial class TerminateAccountCommandHandler(
    IAccountRepository accounts,
    TimeProvider clock,
    ILogger<TerminateAccountCommandHandler> logger) : ICommandHandler<TerminateAccountCommand>
{
    public async Task Handle(TerminateAccountCommand command, CancellationToken cancellationToken)
    {
        var account = await accounts.FindAsync(command.AccountId, cancellationToken)
            ?? throw new NotFoundException("account_not_found", $"Account {command.AccountId} does not exist.");
        if (account.Terminate(command.Reason, command.MaterialBreach ?? false, clock.GetUtcNow()))
        {
            LogTerminated(account.Id, account.TerminatedForMaterialBreach, command.Reason);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Account {AccountId} terminated (material breach: {MaterialBreach}): {Reason}")]
    private partial void LogTerminated(Guid accountId, bool materialBreach, string reason);
}
