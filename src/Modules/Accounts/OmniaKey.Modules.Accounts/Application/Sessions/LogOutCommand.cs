using OmniaKey.Application.Abstractions;
using OmniaKey.Application.Messaging;
using OmniaKey.Modules.Accounts.Domain.Sessions;

namespace OmniaKey.Modules.Accounts.Application.Sessions;

/// <summary><c>POST /api/v1/auth/logout</c>: ends the token that made the request, until its own expiry.</summary>
internal sealed record LogOutCommand(Guid AccountId, Guid TokenId, DateTimeOffset ExpiresAt) : ICommand;

internal sealed class LogOutCommandHandler(
    IRevokedSessionRepository revoked,
    ISessionStateCache cache,
    IUnitOfWork unitOfWork,
    TimeProvider clock) : ICommandHandler<LogOutCommand>
{
    public async Task Handle(LogOutCommand command, CancellationToken cancellationToken)
    {
        // Entries of tokens that have expired anyway are dropped here, so the list stays as short as the live tokens.
        await revoked.RemoveExpiredAsync(command.AccountId, clock.GetUtcNow(), cancellationToken);
        revoked.Add(new RevokedSession(command.TokenId, command.AccountId, command.ExpiresAt));
        unitOfWork.OnCommitted(() => cache.Evict(command.AccountId));
    }
}
