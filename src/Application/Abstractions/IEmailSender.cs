namespace OmniaKey.Application.Abstractions;

/// <summary>
/// The one way OmniaKey sends e-mail (SMTP through MailKit in Infrastructure, configured by <c>Email:Smtp:*</c> and
/// <c>Email:From</c>). Callers check <see cref="IsConfigured"/> and keep their message pending when it is false, so
/// nothing is lost on a deployment without e-mail.
/// </summary>
public interface IEmailSender
{
    /// <summary>Whether an SMTP host and a sender address are configured.</summary>
    bool IsConfigured { get; }

    /// <summary>Sends one message; throws on an SMTP failure so that the caller (usually a job) can retry.</summary>
    Task SendAsync(EmailMessage message, CancellationToken cancellationToken);

    /// <summary>
    /// Opens one SMTP connection (connected and authenticated) for several messages, sent one after the other; each
    /// <see cref="IEmailBatch.SendAsync"/> returns once the server has accepted that message. Throws on an SMTP
    /// failure; dispose the batch to close the connection.
    /// </summary>
    Task<IEmailBatch> OpenBatchAsync(CancellationToken cancellationToken);
}

/// <summary>One open SMTP connection: messages sent through it, one at a time.</summary>
public interface IEmailBatch : IAsyncDisposable
{
    /// <summary>Returns once the server has accepted the message; throws on an SMTP failure (the batch is then unusable).</summary>
    Task SendAsync(EmailMessage message, CancellationToken cancellationToken);
}

/// <summary>One e-mail to one recipient, with a plain-text body and an HTML body of the same content.</summary>
public sealed record EmailMessage(string To, string Subject, string TextBody, string HtmlBody);
