using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OmniaKey.Application.Abstractions;
using OmniaKey.Modules.Accounts.Application.Mail;
using OmniaKey.Modules.Accounts.Domain.Tokens;

namespace OmniaKey.Modules.Accounts.Infrastructure.Mail;

/// <summary>
/// Queues token e-mails in memory once their command commits and sends them one by one in the background. A
/// failure is logged (never the token) and dropped: the token stays pending and the customer can ask again. The
/// secret is never written to the job store or the outbox on purpose — a copy there would be a usable credential.
/// </summary>
internal sealed class BackgroundAccountMail(
    IUnitOfWork unitOfWork,
    AccountMailQueue queue,
    AccountMailComposer composer,
    IEmailSender sender) : IAccountMail
{
    public void SendAfterCommit(string to, AccountTokenPurpose purpose, string secret, DateTimeOffset expiresAt)
    {
        if (!sender.IsConfigured)
        {
            return;
        }

        var message = composer.Compose(to, purpose, secret, expiresAt);
        unitOfWork.OnCommitted(() => queue.Writer.TryWrite(message));
    }

    public void SendClosingConfirmationAfterCommit(string to, DateTimeOffset closedAt)
    {
        if (sender.IsConfigured)
        {
            var message = AccountMailComposer.ComposeClosing(to, closedAt);
            unitOfWork.OnCommitted(() => queue.Writer.TryWrite(message));
        }
    }
}

/// <summary>The in-memory queue between commands and <see cref="AccountMailWorker"/>.</summary>
internal sealed class AccountMailQueue
{
    private readonly Channel<EmailMessage> channel = Channel.CreateBounded<EmailMessage>(
        new BoundedChannelOptions(10_000) { SingleReader = true, FullMode = BoundedChannelFullMode.DropWrite });

    public ChannelWriter<EmailMessage> Writer => channel.Writer;

    public ChannelReader<EmailMessage> Reader => channel.Reader;
}

internal sealed partial class AccountMailWorker(AccountMailQueue queue, IEmailSender sender, ILogger<AccountMailWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var message in queue.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await sender.SendAsync(message, stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogFailed(exception.GetType().Name, message.Subject);
            }
        }
    }

    // The exception's message may quote the SMTP dialogue, hence only its type; the body (with the token) never.
    [LoggerMessage(Level = LogLevel.Warning, Message = "An account e-mail ({Subject}) could not be sent ({Error}); the customer can ask for it again")]
    private partial void LogFailed(string error, string subject);
}
