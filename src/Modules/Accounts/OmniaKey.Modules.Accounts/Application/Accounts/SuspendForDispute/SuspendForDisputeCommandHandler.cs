using Microsoft.Extensions.Logging;
using OmniaKey.Application.Messaging;
using OmniaKey.Modules.Accounts.Domain.Accounts;

namespace OmniaKey.Modules.Accounts.Application.Accounts.SuspendForDispute;

/// <summary>
/// Suspends with the dispute as the reason; the cached status is evicted once this commits, so <c>/v1</c> refuses the
/// account's keys on the next request. A missing or terminated account is left as it is: there is nothing to stop, and
/// failing would only make the outbox retry an event that can never apply.
/// </summary>
internal sealed partial class SuspendForDisputeCommandHandler(IAccountRepository accounts, TimeProvider clock, ILogger<SuspendForDisputeCommandHandler> logger)
    : ICommandHandler<SuspendForDisputeCommand>
{
    public async Task Handle(SuspendForDisputeCommand command, CancellationToken cancellationToken)
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Account {AccountId} is missing or terminated; a dispute does not suspend it")]
    private partial void LogNotSuspended(Guid accountId);
}
