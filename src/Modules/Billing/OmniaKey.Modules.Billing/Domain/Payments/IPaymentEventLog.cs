namespace OmniaKey.Modules.Billing.Domain.Payments;

/// <summary>The provider events OmniaKey received, for idempotency by event id and for audit.</summary>
internal interface IPaymentEventLog
{
    Task<bool> IsProcessedAsync(string eventId, CancellationToken cancellationToken);

    /// <summary>Records the event as received; a concurrent or earlier delivery of the same id is not an error.</summary>
    Task RecordReceivedAsync(PaymentEvent paymentEvent, CancellationToken cancellationToken);

    Task MarkProcessedAsync(string eventId, string outcome, DateTimeOffset processedAt, CancellationToken cancellationToken);
}
