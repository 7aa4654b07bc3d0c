using OmniaKey.Application.Abstractions;
using OmniaKey.Application.Exceptions;
using OmniaKey.Application.Messaging;
using OmniaKey.Modules.Accounts.Application.Mail;
using OmniaKey.Modules.Accounts.Domain.Accounts;
using OmniaKey.Modules.Accounts.Domain.Tokens;

namespace OmniaKey.Modules.Accounts.Application.Passwords;

/// <summary>
/// <c>POST /admin/v1/accounts/{id}/invitation</c>: mails a password-setting link to an account an operator opened
/// (it has no password, so it could never log in). 409 <c>password_already_set</c> otherwise, 409
/// <c>email_not_configured</c> when the deployment cannot send e-mail (the operator would wait for nothing).
/// </summary>
internal sealed record SendInvitationCommand(Guid AccountId) : ICommand;

internal sealed class SendInvitationCommandHandler(IAccountRepository accounts, TokenMailing mailing, IEmailSender email)
    : ICommandHandler<SendInvitationCommand>
{
    public async Task Handle(SendInvitationCommand command, CancellationToken cancellationToken)
    {
        var account = await accounts.FindAsync(command.AccountId, cancellationToken)
            ?? throw new NotFoundException("account_not_found", $"Account {command.AccountId} does not exist.");
        if (account.Status == AccountStatus.Terminated)
        {
            throw new ConflictException("account_terminated", "A terminated account cannot be invited.");
        }

        if (account.PasswordHash is not null)
        {
            throw new ConflictException("password_already_set", "The account already has a password; the customer can reset it.");
        }

        if (!email.IsConfigured)
        {
            throw new ConflictException("email_not_configured", "E-mail is not configured (Email:Smtp:Host, Email:From); no invitation can be sent.");
        }

        await mailing.IssueAndSendAsync(account, AccountTokenPurpose.Invitation, cancellationToken);
    }
}
