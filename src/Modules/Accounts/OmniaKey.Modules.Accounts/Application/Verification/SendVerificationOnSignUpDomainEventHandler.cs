using OmniaKey.Application.Messaging;
using OmniaKey.Modules.Accounts.Application.Mail;
using OmniaKey.Modules.Accounts.Domain.Accounts;
using OmniaKey.Modules.Accounts.Domain.Tokens;

namespace OmniaKey.Modules.Accounts.Application.Verification;

/// <summary>Issues the verification token in the sign-up's transaction; the e-mail leaves once it commits.</summary>
internal sealed class SendVerificationOnSignUpDomainEventHandler(IAccountTokenRepository tokens, IAccountMail mail, TimeProvider clock)
    : IDomainEventHandler<AccountSignedUpDomainEvent>
{
    public Task HandleAsync(AccountSignedUpDomainEvent domainEvent, CancellationToken cancellationToken)
    {
        var (token, secret) = AccountToken.Issue(domainEvent.AccountId, AccountTokenPurpose.EmailVerification, clock.GetUtcNow());
        tokens.Add(token);
        mail.SendAfterCommit(domainEvent.Email, AccountTokenPurpose.EmailVerification, secret, token.ExpiresAt);
        return Task.CompletedTask;
    }
}
