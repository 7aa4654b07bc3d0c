using OmniaKey.Application.Exceptions;
using OmniaKey.Application.Messaging;
using OmniaKey.Modules.Accounts.Application.Mail;
using OmniaKey.Modules.Accounts.Domain.Accounts;
using OmniaKey.Modules.Accounts.Domain.Tokens;

namespace OmniaKey.Modules.Accounts.Application.Verification;

/// <summary><c>POST /api/v1/account/verification</c>: sends a new verification e-mail (the earlier link stops working).</summary>
internal sealed record RequestVerificationCommand(Guid AccountId) : ICommand;

/// <summary>
/// At most one e-mail a minute per account (409 <c>verification_recently_sent</c>), so the route cannot be used to
/// flood a mailbox; 409 <c>email_already_verified</c> once verified.
/// </summary>
internal sealed class RequestVerificationCommandHandler(
    IAccountRepository accounts,
    IAccountTokenRepository tokens,
    TokenMailing mailing,
    TimeProvider clock) : ICommandHandler<RequestVerificationCommand>
{
    public static readonly TimeSpan MinimumInterval = TimeSpan.FromMinutes(1);

    public async Task Handle(RequestVerificationCommand command, CancellationToken cancellationToken)
    {
        var account = await accounts.FindAsync(command.AccountId, cancellationToken)
            ?? throw new NotFoundException("account_not_found", "The account does not exist.");
        if (account.EmailVerifiedAt is not null)
        {
            throw new ConflictException("email_already_verified", "The e-mail address is already verified.");
        }

        var now = clock.GetUtcNow();
        var pending = await tokens.ListUnusedAsync(account.Id, AccountTokenPurpose.EmailVerification, cancellationToken);
        if (pending.Any(t => now - t.CreatedAt < MinimumInterval))
        {
            throw new ConflictException("verification_recently_sent", "A verification e-mail was sent less than a minute ago; try again later.");
        }

        await mailing.IssueAndSendAsync(account, AccountTokenPurpose.EmailVerification, cancellationToken);
    }
}
