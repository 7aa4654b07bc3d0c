using OmniaKey.Application.Messaging;
using OmniaKey.Modules.Accounts.Application.Accounts.Throttling;
using OmniaKey.Modules.Accounts.Domain.Accounts;

namespace OmniaKey.Modules.Accounts.Application.Accounts.LogInFailures;

/// <summary>
/// Counts a failed log-in for the address (known or not). Sent only by <see cref="LogInDispatcherExtensions"/>,
/// after the failed <c>LogInCommand</c> rolled back, so the count survives the failure.
/// </summary>
internal sealed record RecordLogInFailureCommand(string Email) : ICommand;

internal sealed class RecordLogInFailureCommandHandler(ILogInLockouts lockouts) : ICommandHandler<RecordLogInFailureCommand>
{
    public Task Handle(RecordLogInFailureCommand command, CancellationToken cancellationToken) =>
        lockouts.RecordFailureAsync(Account.NormalizeEmail(command.Email), cancellationToken);
}
