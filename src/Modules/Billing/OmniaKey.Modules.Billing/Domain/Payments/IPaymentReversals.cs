namespace OmniaKey.Modules.Billing.Domain.Payments;

/// <summary>
/// Money that went back to the payer outside OmniaKey's own refund flow. Each call records the refund or dispute
/// and takes the amount back from the available balance — as much as it holds — with a ledger entry, in one
/// transaction. Recording the same provider id twice does nothing the second time.
/// </summary>
internal interface IPaymentReversals
{
    /// <summary>True if recorded now; false if this refund was recorded before. Sets <see cref="PaymentRefund.Collected"/>.</summary>
    Task<bool> RecordRefundAsync(PaymentRefund refund, CancellationToken cancellationToken);

    /// <summary>True if recorded now; false if this dispute was recorded before. Sets <see cref="PaymentDispute.ClawedBack"/>.</summary>
    Task<bool> RecordDisputeAsync(PaymentDispute dispute, CancellationToken cancellationToken);

    /// <summary>
    /// Records the provider's decision on an open dispute (<c>open</c> → <paramref name="status"/>, a conditional update,
    /// so once); a <c>won</c> dispute gives back what its chargeback clawed back, as a <c>chargeback_reversal</c> credit
    /// referenced by the dispute id.
    /// </summary>
    Task<DisputeClosure> CloseDisputeAsync(string disputeId, string status, CancellationToken cancellationToken);
}

internal enum DisputeClosure
{
    /// <summary>No such dispute was recorded.</summary>
    Unknown,

    /// <summary>Closed before; nothing changed.</summary>
    AlreadyClosed,

    /// <summary>Won now: the claw-back was restored.</summary>
    Won,

    /// <summary>Closed now without winning: nothing more changes.</summary>
    Lost,
}
