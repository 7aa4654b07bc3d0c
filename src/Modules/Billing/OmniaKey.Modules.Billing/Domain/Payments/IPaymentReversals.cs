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
}
