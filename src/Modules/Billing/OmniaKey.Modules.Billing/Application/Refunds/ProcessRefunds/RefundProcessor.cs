using Microsoft.Extensions.Logging;
using OmniaKey.Application.Exceptions;
using OmniaKey.Domain.Money;
using OmniaKey.Modules.Billing.Application.Payments;
using OmniaKey.Modules.Billing.Domain.Refunds;

namespace OmniaKey.Modules.Billing.Application.Refunds.ProcessRefunds;

/// <summary>
/// Pays one approved refund back against the account's original charges, newest first, split across as many as it
/// needs. Each provider refund is recorded the moment the provider confirms it, so nothing paid back is ever
/// forgotten: a transient failure (provider down, rate-limited) returns the refund to <c>approved</c> for a later
/// attempt, which refunds only the rest; a charge the provider refuses for good is skipped for the next one. When
/// every cent is back, the hold becomes a <c>refund</c> ledger entry; when the charges cannot take it all, or the
/// attempts run out, the refund fails: what was paid back is entered, the rest of the hold returns to the balance.
/// </summary>
internal sealed partial class RefundProcessor(
    IRefundStore refunds,
    IPaymentGateway gateway,
    IRefundQueue queue,
    RefundSettings settings,
    TimeProvider clock,
    ILogger<RefundProcessor> logger)
{
    /// <summary>Processes the refund if it is due; false when it is not (finished, waiting, or another worker has it).</summary>
    public async Task<bool> ProcessAsync(Guid refundId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var refund = await refunds.TryClaimAsync(refundId, now, now + RefundSettings.Lease, cancellationToken);
        if (refund is null)
        {
            return false;
        }

        var parts = (await refunds.ListPartsAsync(refund.Id, cancellationToken)).ToList();
        try
        {
            if (refund.Attempts > 1)
            {
                await AdoptUnrecordedPartsAsync(refund, parts, cancellationToken);
            }

            if (refund.Attempts > settings.MaxAttempts)
            {
                // Earlier attempts died without finishing (their leases ran out) until none were left.
                await FinishAsync(refund, parts, $"Gave up after {settings.MaxAttempts} attempts that did not finish.", cancellationToken);
                return true;
            }

            await RefundRemainderAsync(refund, parts, cancellationToken);
        }
        catch (ServiceUnavailableException e)
        {
            await RetryOrFailAsync(refund, parts, e.Message, cancellationToken);
        }

        return true;
    }

    private async Task RefundRemainderAsync(Refund refund, List<RefundPart> parts, CancellationToken cancellationToken)
    {
        // A charge whose refund failed after the provider accepted it (refund.failed: e.g. the card is closed) is
        // treated like one the provider refuses: skipped for the next older one.
        var sources = (await refunds.GetFundsAsync(refund.AccountId, cancellationToken)).Sources
            .Where(s => !parts.Any(p => p.IsFailed && p.TopUpId == s.TopUpId))
            .ToList();
        var remaining = refund.Amount.WholeCentsRoundedDown - parts.Sum(p => p.AmountCents);
        var refusals = new List<string>();
        while (remaining > 0 && RefundPolicy.Split(remaining, sources).Allocations is [var next, ..])
        {
            var source = next.Source;
            var chargeId = source.ChargeId ?? await ChargeOfAsync(source, cancellationToken);
            var outcome = chargeId is null
                ? new ProviderRefundOutcome.Rejected($"top-up {source.TopUpId} has no charge to refund")
                : await gateway.CreateRefundAsync(new ProviderRefundRequest(refund.Id, refund.AccountId, chargeId, next.Cents, refund.Attempts), cancellationToken);
            switch (outcome)
            {
                case ProviderRefundOutcome.Created { Refund: var created }:
                    var part = new RefundPart(created.Id, refund.Id, refund.AccountId, source.TopUpId, created.ChargeId, created.AmountCents, created.Status, clock.GetUtcNow());
                    await refunds.RecordPartAsync(part, cancellationToken);
                    parts.Add(part);
                    remaining -= part.AmountCents;
                    sources[sources.IndexOf(source)] = source with { RefundedByOmniaKeyCents = source.RefundedByOmniaKeyCents + part.AmountCents };
                    LogPartRefunded(refund.Id, part.Id, part.ChargeId, part.Amount.ToString());
                    break;
                case ProviderRefundOutcome.Rejected { Reason: var reason }:
                    sources.Remove(source);
                    refusals.Add(reason);
                    LogChargeRefused(refund.Id, chargeId, reason);
                    break;
                case ProviderRefundOutcome.Unavailable { Reason: var reason }:
                    await RetryOrFailAsync(refund, parts, reason, cancellationToken);
                    return;
            }
        }

        var failure = remaining > 0
            ? $"The original payments could not take back {Money.FromCents(remaining)} USD" + (refusals.Count > 0 ? ": " + string.Join("; ", refusals) : ".")
            : null;
        await FinishAsync(refund, parts, failure, cancellationToken);
    }

    /// <summary>
    /// Provider refunds an earlier attempt made but did not live to record (they carry this refund's id): recorded
    /// now, so the rest of the refund does not pay them out a second time.
    /// </summary>
    private async Task AdoptUnrecordedPartsAsync(Refund refund, List<RefundPart> parts, CancellationToken cancellationToken)
    {
        var refundId = refund.Id.ToString();
        foreach (var source in (await refunds.GetFundsAsync(refund.AccountId, cancellationToken)).Sources.Where(s => s.ChargeId is not null))
        {
            var unrecorded = (await gateway.ListRefundsAsync(source.ChargeId!, cancellationToken))
                .Where(r => r.OmniaKeyRefundId == refundId && r.MovesMoney && r.AmountCents > 0 && parts.All(p => p.Id != r.Id));
            foreach (var found in unrecorded)
            {
                var part = new RefundPart(found.Id, refund.Id, refund.AccountId, source.TopUpId, found.ChargeId, found.AmountCents, found.Status, clock.GetUtcNow());
                await refunds.RecordPartAsync(part, cancellationToken);
                parts.Add(part);
                LogPartAdopted(refund.Id, part.Id, part.Amount.ToString());
            }
        }
    }

    private async Task<string?> ChargeOfAsync(RefundSource source, CancellationToken cancellationToken) =>
        source.PaymentId is null ? null : (await gateway.GetChargeAsync(source.PaymentId, cancellationToken))?.Id;

    private async Task RetryOrFailAsync(Refund refund, List<RefundPart> parts, string reason, CancellationToken cancellationToken)
    {
        if (refund.Attempts >= settings.MaxAttempts)
        {
            await FinishAsync(refund, parts, $"Gave up after {refund.Attempts} attempts; the last: {reason}", cancellationToken);
            return;
        }

        var retryAt = clock.GetUtcNow() + RefundSettings.RetryDelay(refund.Attempts);
        if (await refunds.TryScheduleRetryAsync(refund.Id, Truncate(reason), retryAt, cancellationToken))
        {
            // The job runs at next_attempt_at rather than at the next sweep (which remains the safety net). The queue
            // schedules it only once this attempt has committed, so a rolled-back attempt schedules nothing.
            queue.ScheduleAt(refund.Id, retryAt);
        }

        LogRetryScheduled(refund.Id, refund.Attempts, retryAt, reason);
    }

    private async Task FinishAsync(Refund refund, List<RefundPart> parts, string? failure, CancellationToken cancellationToken)
    {
        // A part the provider reported failed (refund.failed) took nothing back: it is not refunded, and it is not
        // tried again either (the refund fails, and that amount returns to the balance with the rest of the hold).
        var refunded = Money.FromCents(parts.Where(p => !p.IsFailed).Sum(p => p.AmountCents));
        if (refunded == refund.Amount)
        {
            // Everything went back after all (e.g. an interrupted attempt's provider refunds, found and recorded).
            failure = null;
        }
        else if (failure is null)
        {
            failure = "Provider refund(s) failed: " + string.Join(", ", parts.Where(p => p.IsFailed).Select(p => p.Id));
        }

        if (!await refunds.TryFinishAsync(refund, refunded, failure is null ? null : Truncate(failure), clock.GetUtcNow(), cancellationToken))
        {
            return;
        }

        if (failure is null)
        {
            LogSucceeded(refund.Id, refund.AccountId, refunded.ToString(), parts.Count);
        }
        else
        {
            LogFailed(refund.Id, refund.AccountId, refunded.ToString(), (refund.Amount - refunded).ToString(), failure);
        }
    }

    private static string Truncate(string text) => text.Length <= 1000 ? text : text[..1000];

    [LoggerMessage(Level = LogLevel.Information, Message = "Refund {RefundId}: {AmountUsd} USD refunded on charge {ChargeId} (provider refund {ProviderRefundId})")]
    private partial void LogPartRefunded(Guid refundId, string providerRefundId, string chargeId, string amountUsd);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refund {RefundId}: provider refund {ProviderRefundId} of {AmountUsd} USD from an interrupted attempt recorded")]
    private partial void LogPartAdopted(Guid refundId, string providerRefundId, string amountUsd);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refund {RefundId}: charge {ChargeId} refused, trying older payments: {Reason}")]
    private partial void LogChargeRefused(Guid refundId, string? chargeId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refund {RefundId}: attempt {Attempt} did not finish, next try at {RetryAt}: {Reason}")]
    private partial void LogRetryScheduled(Guid refundId, int attempt, DateTimeOffset retryAt, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Refund {RefundId} of account {AccountId} succeeded: {RefundedUsd} USD in {Parts} provider refund(s)")]
    private partial void LogSucceeded(Guid refundId, Guid accountId, string refundedUsd, int parts);

    [LoggerMessage(Level = LogLevel.Error, Message = "Refund {RefundId} of account {AccountId} failed: {RefundedUsd} USD refunded, {ReturnedUsd} USD returned to the balance: {Failure}")]
    private partial void LogFailed(Guid refundId, Guid accountId, string refundedUsd, string returnedUsd, string failure);
}
