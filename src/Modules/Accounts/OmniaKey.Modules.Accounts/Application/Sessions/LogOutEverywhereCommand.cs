using OmniaKey.Application.Exceptions;
using OmniaKey.Application.Messaging;
using OmniaKey.Modules.Accounts.Domain.Accounts;

namespace OmniaKey.Modules.Accounts.Application.Sessions;

/// <summary><c>POST /api/v1/auth/logout-all</c>: ends every access token of the account, this one included.</summary>
internal sealed record LogOutEverywhereCommand(Guid AccountId) : ICommand;

internal sealed class LogOutEverywhereCommandHandler(IAccountRepository accounts, TimeProvider clock)
    : ICommandHandler<LogOutEverywhereCommand>
{
    public async Task Handle(LogOutEverywhereCommand command, CancellationToken cancellationToken)
    {
        var account = await accounts.FindAsync(command.AccountId, cancellationToken)
            ?? throw new NotFoundException("account_not_found", "The account does not exist.");
        account.EndSessions(clock.GetUtcNow());
    }
}
