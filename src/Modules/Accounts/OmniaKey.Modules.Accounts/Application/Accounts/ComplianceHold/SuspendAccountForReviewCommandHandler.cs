using Microsoft.Extensions.Logging;
using OmniaKey.Application.Messaging;
using OmniaKey.Modules.Accounts.Contracts;
using OmniaKey.Modules.Accounts.Domain.Accounts;

namespace OmniaKey.Modules.Accounts.Application.Accounts.ComplianceHold;

/// <summary>
/// Suspends with the reason (a Restricted Territory review, a payment dispute), and the cached status is evicted
/// once this commits, so <c>/v1</c> refuses the account's keys on the next request. A missing or terminated account
/// is left as it is, so that an event handler sending this never fails on what can never apply.
/// </summary>
internal sealed partial class SuspendAccountForReviewCommandHandler(IAccountRepository accounts, TimeProvider clock, ILogger<SuspendAccountForReviewCommandHandler> logger)
    : ICommandHandler<SuspendAccountForReviewCommand>
{
    public async Task Handle(SuspendAccountForReviewCommand command, CancellationToken cancellationToken)
    {
        var account = await accounts.FindAsync(command.AccountId, cancellationToken);
        if (account is null || account.Status == AccountStatus.Terminated)
        {
            LogNotSuspended(command.AccountId);
            return;
        }

        account.Suspend(clock.GetUtcNow(), command.Reason);
        LogSuspended(command.AccountId, command.Reason);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Account {AccountId} suspended pending review: {Reason}")]
    private partial void LogSuspended(Guid accountId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Account {AccountId} is missing or terminated; not suspended for review")]
    private partial void LogNotSuspended(Guid accountId);
}
