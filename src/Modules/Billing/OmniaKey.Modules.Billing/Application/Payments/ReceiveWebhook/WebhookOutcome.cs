namespace OmniaKey.Modules.Billing.Application.Payments.ReceiveWebhook;

/// <summary>What processing a webhook event did; stored with the event and returned to the provider.</summary>
internal static class WebhookOutcome
{
    public const string Duplicate = "duplicate";
    public const string Credited = "credited";
    public const string AlreadyCredited = "already_credited";
    public const string NotPaid = "not_paid";
    public const string UnknownSession = "unknown_session";
    public const string UnsupportedCurrency = "unsupported_currency";
    public const string RefundsRecorded = "refunds_recorded";
    public const string NoNewRefunds = "no_new_refunds";
    public const string DisputeRecorded = "dispute_recorded";
    public const string DisputeAlreadyRecorded = "dispute_already_recorded";
    public const string DisputeWon = "dispute_won";
    public const string DisputeLost = "dispute_lost";
    public const string DisputeAlreadyClosed = "dispute_already_closed";

    /// <summary>A dispute closed that OmniaKey never recorded (not ours, or its creation was never matched).</summary>
    public const string UnknownDispute = "unknown_dispute";

    public const string RefundFailureRecorded = "refund_failure_recorded";
    public const string RefundFailureAlreadyRecorded = "refund_failure_already_recorded";

    /// <summary>A failed provider refund that is not a recorded part of an OmniaKey refund.</summary>
    public const string UnknownRefund = "unknown_refund";

    /// <summary>
    /// A refund or dispute for a payment not (yet) known as paid: either not OmniaKey's, or its completion has not
    /// been processed yet — completing a payment picks up its earlier refunds and disputes from the provider.
    /// </summary>
    public const string UnmatchedPayment = "unmatched_payment";

    public const string Ignored = "ignored";
}
