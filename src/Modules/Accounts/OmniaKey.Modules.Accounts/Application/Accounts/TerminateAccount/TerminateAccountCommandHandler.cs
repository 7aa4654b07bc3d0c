using Microsoft.Extensions.Logging;
using OmniaKey.Application.Abstractions;
using OmniaKey.Application.Exceptions;
using OmniaKey.Application.Messaging;
using OmniaKey.Modules.Accounts.Contracts;
using OmniaKey.Modules.Accounts.Domain.Accounts;

namespace OmniaKey.Modules.Accounts.Application.Accounts.TerminateAccount;

/// <summary>
/// Commits the termination, then evicts the cached status (so no request can re-cache the account as active in
/// between), then publishes <see cref="AccountTerminatedIntegrationEvent"/>. Terminating again publishes again with
/// the recorded reason and breach finding: that is how a settlement that failed after the commit gets retried, and
/// the subscribers are idempotent.
/// </summary>
internal sealed partial class TerminateAccountCommandHandler(
    IAccountRepository accounts,
    IAccountStatusCache cache,
    IUnitOfWork unitOfWork,
    IIntegrationEventPublisher publisher,
    TimeProvider clock,
    ILogger<TerminateAccountCommandHandler> logger) : ICommandHandler<TerminateAccountCommand>
{
    public async Task Handle(TerminateAccountCommand command, CancellationToken cancellationToken)
    {
        var account = await accounts.FindAsync(command.AccountId, cancellationToken)
            ?? throw new NotFoundException("account_not_found", $"Account {command.AccountId} does not exist.");
        var now = clock.GetUtcNow();
        if (account.Terminate(command.Reason, command.MaterialBreach ?? false, now))
        {
            await unitOfWork.CommitAsync(cancellationToken);
            LogTerminated(account.Id, account.TerminatedForMaterialBreach, command.Reason);
        }

        cache.Evict(account.Id);
        await publisher.PublishAsync(
            new AccountTerminatedIntegrationEvent(
                Guid.CreateVersion7(now),
                now,
                account.Id,
                account.TerminationReason ?? command.Reason,
                account.TerminatedForMaterialBreach,
                account.TerminatedAt ?? now),
            cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Account {AccountId} terminated (material breach: {MaterialBreach}): {Reason}")]
    private partial void LogTerminated(Guid accountId, bool materialBreach, string reason);
}
