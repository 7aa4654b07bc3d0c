namespace OmniaKey.Modules.Billing.Domain.Payments;

internal interface ITopUpRepository
{
    /// <summary>Adds a new top-up; the unit of work saves it.</summary>
    void Add(TopUp topUp);

    Task<TopUp?> FindBySessionAsync(string checkoutSessionId, CancellationToken cancellationToken);

    Task<TopUp?> FindAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>The paid top-up whose payment or charge this is, if any.</summary>
    Task<TopUp?> FindPaidByPaymentAsync(string? paymentId, string? chargeId, CancellationToken cancellationToken);

    /// <summary>Marks a pending top-up paid, once; a second call changes nothing and returns false.</summary>
    Task<bool> MarkPaidAsync(Guid id, PaidTopUp paid, CancellationToken cancellationToken);

    /// <summary>Records the charge and card country of a paid top-up, once; returns false if already recorded.</summary>
    Task<bool> RecordChargeAsync(Guid id, string chargeId, string? cardCountry, CancellationToken cancellationToken);

    Task<IReadOnlyList<PaymentDispute>> ListDisputesAsync(Guid? accountId, CancellationToken cancellationToken);
}

/// <summary>What completing a top-up records.</summary>
internal sealed record PaidTopUp(long PaidCents, string? PaymentId, Guid LedgerEntryId, string EventId, DateTimeOffset PaidAt);
