using Microsoft.Extensions.Logging;
using OmniaKey.Domain.Money;
using OmniaKey.Modules.Billing.Domain.Balances;
using OmniaKey.Modules.Billing.Domain.Ledger;
using OmniaKey.Modules.Billing.Domain.Payments;

namespace OmniaKey.Modules.Billing.Application.Payments.ReceiveWebhook;

/// <summary>
/// Credits a paid checkout session exactly once. The credit's ledger reference is the session id, unique per
/// account and type, so however many deliveries (or different events) race for the same session, one ledger entry
/// and one balance increment win and the rest find it. Each step is idempotent, so a retry after a failure
/// between steps finishes the job.
/// </summary>
internal sealed partial class CheckoutCompletion(
    ITopUpRepository topUps,
    IBalanceStore balances,
    PaymentSynchronizer payments,
    TimeProvider clock,
    ILogger<CheckoutCompletion> logger)
{
    public async Task<string> CompleteAsync(CheckoutCompletedWebhook completed, CancellationToken cancellationToken)
    {
        if (!completed.IsPaid)
        {
            // Delayed payment methods complete the session unpaid; their success arrives as another event.
            return WebhookOutcome.NotPaid;
        }

        var topUp = await topUps.FindBySessionAsync(completed.SessionId, cancellationToken);
        if (topUp is null)
        {
            LogUnknownSession(completed.SessionId, completed.EventId);
            return WebhookOutcome.UnknownSession;
        }

        if (!string.Equals(completed.Currency, "usd", StringComparison.OrdinalIgnoreCase) || completed.AmountTotalCents is not > 0)
        {
            LogUnsupportedAmount(completed.SessionId, completed.AmountTotalCents, completed.Currency);
            return WebhookOutcome.UnsupportedCurrency;
        }

        var paidCents = completed.AmountTotalCents.Value;
        if (paidCents != topUp.AmountCents)
        {
            LogAmountDiffers(completed.SessionId, topUp.AmountCents, paidCents);
        }

        var now = clock.GetUtcNow();
        var amount = Money.FromCents(paidCents);
        var credit = LedgerEntry.Credit(
            topUp.AccountId, LedgerEntryType.TopUp, amount, $"Top-up of {amount} USD (checkout session {completed.SessionId})", $"checkout:{completed.SessionId}", now);
        var stored = await balances.CreditAsync(credit, cancellationToken);
        await topUps.MarkPaidAsync(topUp.Id, new PaidTopUp(paidCents, completed.PaymentId, stored.Id, completed.EventId, now), cancellationToken);

        if (await topUps.FindAsync(topUp.Id, cancellationToken) is { PaymentId: not null } paid)
        {
            await payments.SynchronizeAsync(paid, cancellationToken);
        }

        return stored.Id == credit.Id ? WebhookOutcome.Credited : WebhookOutcome.AlreadyCredited;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Checkout session {SessionId} (event {EventId}) was not created by OmniaKey; ignored")]
    private partial void LogUnknownSession(string sessionId, string eventId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Checkout session {SessionId} was paid {AmountCents} {Currency}, not USD; not credited")]
    private partial void LogUnsupportedAmount(string sessionId, long? amountCents, string? currency);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Checkout session {SessionId} was created for {RequestedCents} cents but {PaidCents} were paid; crediting what was paid")]
    private partial void LogAmountDiffers(string sessionId, long requestedCents, long paidCents);
}
