using Microsoft.Extensions.Logging;
using OmniaKey.Application.Abstractions;
using OmniaKey.Application.Messaging;

namespace OmniaKey.Modules.Accounts.Application.Accounts.SignUpAttemptNotice;

/// <summary>Without e-mail configured the notice is skipped: it is a courtesy, and the sign-up changed nothing.</summary>
internal sealed class NotifySignUpAttemptCommandHandler(IEmailSender email, ILogger<NotifySignUpAttemptCommandHandler> logger)
    : ICommandHandler<NotifySignUpAttemptCommand>
{
    public const string Subject = "Someone tried to create an OmniaKey account with your e-mail address";

    public async Task Handle(NotifySignUpAttemptCommand command, CancellationToken cancellationToken)
    {
        if (!email.IsConfigured)
        {
            logger.LogInformation("E-mail is not configured; a sign-up attempt notice was not sent.");
            return;
        }

        const string text = """
            Hello,

            Someone, perhaps you, tried to create a new OmniaKey account with this e-mail address. It already belongs to your account, so no new account was created and nothing about your account changed.

            If it was you, log in with your existing password instead. If it was not, you can ignore this e-mail.

            OmniaKey
            """;
        const string html = """
            <p>Hello,</p>
            <p>Someone, perhaps you, tried to create a new OmniaKey account with this e-mail address. It already belongs to your account, so no new account was created and nothing about your account changed.</p>
            <p>If it was you, log in with your existing password instead. If it was not, you can ignore this e-mail.</p>
            <p>OmniaKey</p>
            """;
        await email.SendAsync(new EmailMessage(command.Email, Subject, text, html), cancellationToken);
    }
}
