using Microsoft.Extensions.Logging;
using OmniaKey.Application.Abstractions;
using OmniaKey.Application.Messaging;

namespace OmniaKey.Modules.Policies.Application.Notices;

/// <summary>
/// What the job <c>policies.send-terms-notices</c> does (docs/adr/0026-terms-notice-delivery.md): creates the missing
/// notices of every material version (a page of funded accounts per transaction), then, if e-mail is configured,
/// claims batches of unsent notices and sends each batch over one SMTP connection, marking each notice sent in its own
/// transaction right after the server accepted it. Not a command: sending mail must not sit inside one transaction,
/// whose rollback would forget notices already delivered. An SMTP failure gives the batch's unsent notices back and
/// throws, so that Hangfire retries the job; sent notices are never claimed again.
/// </summary>
internal sealed partial class TermsNoticeDelivery(
    IDispatcher dispatcher,
    IEmailSender email,
    PoliciesSettings settings,
    TermsNoticeOptions options,
    ILogger<TermsNoticeDelivery> logger)
{
    /// <summary>Returns the number of notices sent by this run.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        foreach (var work in await dispatcher.Query(new ListNoticeWorkQuery(), cancellationToken))
        {
            if (!work.Prepared)
            {
                await PrepareAsync(work.Version, cancellationToken);
            }
        }

        if (!email.IsConfigured)
        {
            var pending = await dispatcher.Query(new CountPendingTermsNoticesQuery(), cancellationToken);
            if (pending > 0)
            {
                LogPendingWithoutEmail(logger, pending);
            }

            return 0;
        }

        var sent = 0;
        while (true)
        {
            var claim = await dispatcher.Send(new ClaimTermsNoticesCommand(options.BatchSize), cancellationToken);
            if (claim.Notices.Count == 0)
            {
                return sent;
            }

            sent += await SendAsync(claim, cancellationToken);
        }
    }

    private async Task PrepareAsync(string version, CancellationToken cancellationToken)
    {
        Guid? after = null;
        var created = 0;
        do
        {
            var page = await dispatcher.Send(new PrepareTermsNoticesCommand(version, after, options.PageSize), cancellationToken);
            created += page.Created;
            after = page.Next;
        }
        while (after is not null);

        await dispatcher.Send(new MarkNoticesPreparedCommand(version), cancellationToken);
        LogPrepared(logger, version, created);
    }

    private async Task<int> SendAsync(NoticeClaim claim, CancellationToken cancellationToken)
    {
        var sent = 0;
        Guid? sending = null;
        try
        {
            await using var batch = await email.OpenBatchAsync(cancellationToken);
            foreach (var notice in claim.Notices)
            {
                sending = notice.Id;
                await batch.SendAsync(TermsNoticeMessage.For(notice, settings), cancellationToken);

                // Accepted by the server: record it before anything else can fail (never cancelled half-way).
                await dispatcher.Send(new MarkTermsNoticeSentCommand(notice.Id, claim.Token), CancellationToken.None);
                sending = null;
                sent++;
            }
        }
        catch (Exception exception)
        {
            await dispatcher.Send(new ReleaseTermsNoticesCommand(claim.Token, sending, Describe(exception)), CancellationToken.None);
            LogBatchFailed(logger, sent, claim.Notices.Count, exception.GetType().Name);
            throw;
        }

        LogBatchSent(logger, sent);
        return sent;
    }

    /// <summary>The exception's type and message, bounded: SMTP replies name the failure, never a secret of ours.</summary>
    private static string Describe(Exception exception)
    {
        var text = $"{exception.GetType().Name}: {exception.Message}";
        return text.Length <= 500 ? text : text[..500];
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Pending} Terms-change notice(s) are pending: e-mail is not configured (Email:Smtp:Host, Email:From). They will be sent once it is.")]
    private static partial void LogPendingWithoutEmail(ILogger logger, int pending);

    [LoggerMessage(Level = LogLevel.Information, Message = "Terms version {Version}: {Created} notice(s) created for accounts with a positive balance.")]
    private static partial void LogPrepared(ILogger logger, string version, int created);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sent a batch of {Sent} Terms-change notice(s).")]
    private static partial void LogBatchSent(ILogger logger, int sent);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Terms-change notices: the SMTP batch failed after {Sent} of {Claimed} message(s) ({Error}); the rest stay pending and the job is retried.")]
    private static partial void LogBatchFailed(ILogger logger, int sent, int claimed, string error);
}
