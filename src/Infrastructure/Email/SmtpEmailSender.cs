using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;
using OmniaKey.Application.Abstractions;

namespace OmniaKey.Infrastructure.Email;

/// <summary>
/// <see cref="IEmailSender"/> over SMTP with MailKit. Each message is <c>multipart/alternative</c> (plain text and HTML).
/// Logs the relay and the number of messages, never the password, the recipients or the bodies.
/// </summary>
internal sealed partial class SmtpEmailSender(IOptionsMonitor<EmailSettings> settings, EmailTelemetry telemetry, ILogger<SmtpEmailSender> logger) : IEmailSender
{
    public bool IsConfigured => IsComplete(settings.CurrentValue);

    public async Task SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        await using var batch = await OpenBatchAsync(cancellationToken);
        await batch.SendAsync(message, cancellationToken);
    }

    public async Task<IEmailBatch> OpenBatchAsync(CancellationToken cancellationToken)
    {
        var current = settings.CurrentValue;
        var smtp = current.Smtp;
        if (!IsComplete(current) || smtp.Host is not { } host || current.From is not { } sender)
        {
            throw new InvalidOperationException("E-mail is not configured: set Email:Smtp:Host and Email:From.");
        }

        var from = MailboxAddress.Parse(sender);
        var client = new SmtpClient { Timeout = (int)TimeSpan.FromSeconds(Math.Max(1, smtp.TimeoutSeconds)).TotalMilliseconds };
        try
        {
            await client.ConnectAsync(host, smtp.Port, SocketOptions(smtp), cancellationToken);
            if (!string.IsNullOrEmpty(smtp.Username))
            {
                await client.AuthenticateAsync(smtp.Username, smtp.Password ?? string.Empty, cancellationToken);
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            client.Dispose();
            LogConnectFailed(logger, host, smtp.Port, exception.GetType().Name);
            throw;
        }

        return new Batch(client, from, telemetry, logger, host, smtp.Port);
    }

    /// <summary>The explicit TLS choice (see <see cref="SmtpSettings.UseTls"/>); never MailKit's <c>Auto</c>.</summary>
    internal static SecureSocketOptions SocketOptions(SmtpSettings smtp) =>
        !smtp.UseTls ? SecureSocketOptions.None
        : smtp.Port == 465 ? SecureSocketOptions.SslOnConnect
        : SecureSocketOptions.StartTls;

    internal static MimeMessage ToMime(EmailMessage message, MailboxAddress from)
    {
        var mime = new MimeMessage { Subject = message.Subject };
        mime.From.Add(from);
        mime.To.Add(MailboxAddress.Parse(message.To));
        mime.Body = new BodyBuilder { TextBody = message.TextBody, HtmlBody = message.HtmlBody }.ToMessageBody();
        return mime;
    }

    private static bool IsComplete(EmailSettings current) =>
        !string.IsNullOrWhiteSpace(current.Smtp.Host) && !string.IsNullOrWhiteSpace(current.From);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not open an SMTP session with {Host}:{Port} ({Error}).")]
    private static partial void LogConnectFailed(ILogger logger, string host, int port, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "SMTP session with {Host}:{Port} closed after {Sent} message(s).")]
    private static partial void LogSessionClosed(ILogger logger, string host, int port, int sent);

    private sealed class Batch(SmtpClient client, MailboxAddress from, EmailTelemetry telemetry, ILogger logger, string host, int port) : IEmailBatch
    {
        private int sent;

        public async Task SendAsync(EmailMessage message, CancellationToken cancellationToken)
        {
            using var mime = ToMime(message, from);
            try
            {
                await client.SendAsync(mime, cancellationToken);
            }
            catch
            {
                telemetry.MessageFailed();
                throw;
            }

            telemetry.MessageSent();
            sent++;
        }

        public async ValueTask DisposeAsync()
        {
            try
            {
                if (client.IsConnected)
                {
                    await client.DisconnectAsync(quit: true, CancellationToken.None);
                }
            }
            catch (Exception exception) when (exception is IOException or MailKit.ProtocolException or SmtpCommandException or TimeoutException)
            {
                // The messages sent so far were accepted already; a QUIT that fails changes nothing about them.
            }
            finally
            {
                client.Dispose();
                LogSessionClosed(logger, host, port, sent);
            }
        }
    }
}
