using OmniaKey.Domain.Money;
using OmniaKey.Modules.Billing.Domain.Ledger;

namespace OmniaKey.Modules.Billing.Domain.Refunds;

/// <summary>
/// Refunds and the balance movements that go with them. Every status change is a conditional update from the status
/// it expects, and every change that moves money does so in the same transaction, so each can happen once.
/// </summary>
internal interface IRefundStore
{
    Task<RefundFunds> GetFundsAsync(Guid accountId, CancellationToken cancellationToken);

    /// <summary>
    /// Holds the refund's amount and records the refund in one transaction, if the available balance and the paid
    /// top-ups no refund has claimed still cover it — checked again after the balance row is locked by the hold, so
    /// concurrent requests cannot together claim more than was paid. A refund with the same reference is returned
    /// instead of recording a second one.
    /// </summary>
    Task<RefundRequestResult> RequestAsync(Refund refund, CancellationToken cancellationToken);

    Task<Refund?> FindAsync(Guid refundId, CancellationToken cancellationToken);

    Task<Refund?> FindByReferenceAsync(Guid accountId, string reference, CancellationToken cancellationToken);

    /// <summary>Refunds newest first, strictly after <paramref name="after"/>, optionally of one account or status.</summary>
    Task<IReadOnlyList<Refund>> ListAsync(Guid? accountId, RefundStatus? status, LedgerPosition? after, int limit, CancellationToken cancellationToken);

    Task<IReadOnlyList<Refund>> ListByStatusAsync(Guid accountId, RefundStatus status, CancellationToken cancellationToken);

    /// <summary><c>pending_approval</c> → <c>approved</c>; false if the refund was not pending approval.</summary>
    Task<bool> TryApproveAsync(Guid refundId, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary><c>pending_approval</c> → <c>denied</c>, returning the hold to the available balance in the same transaction.</summary>
    Task<bool> TryDenyAsync(Guid refundId, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// Takes a due refund for processing: <c>approved</c> (and not waiting for a retry) or <c>processing</c> with an
    /// expired lease → <c>processing</c>, leased until <paramref name="leaseUntil"/>, one more attempt counted.
    /// Not while another refund of the same account is being processed (it stays due for a later sweep).
    /// Returns the refund as claimed, or null when it is not due (another worker has it, or it has finished).
    /// </summary>
    Task<Refund?> TryClaimAsync(Guid refundId, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken cancellationToken);

    /// <summary>Ids of refunds <see cref="TryClaimAsync"/> would take now, oldest first.</summary>
    Task<IReadOnlyList<Guid>> ListDueAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken);

    Task<IReadOnlyList<RefundPart>> ListPartsAsync(Guid refundId, CancellationToken cancellationToken);

    /// <summary>Records a provider refund; recording the same provider refund again does nothing.</summary>
    Task RecordPartAsync(RefundPart part, CancellationToken cancellationToken);

    /// <summary><c>processing</c> → <c>approved</c>, to be tried again from <paramref name="nextAttemptAt"/>.</summary>
    Task<bool> TryScheduleRetryAsync(Guid refundId, string error, DateTimeOffset nextAttemptAt, CancellationToken cancellationToken);

    /// <summary>
    /// <c>processing</c> → <c>succeeded</c> (everything refunded) or <c>failed</c>, in one transaction with the money:
    /// the hold is released, <paramref name="refunded"/> leaves the balance as a <c>refund</c> ledger entry and the
    /// rest of the hold returns to the available balance. False if the refund was not processing.
    /// </summary>
    Task<bool> TryFinishAsync(Refund refund, Money refunded, string? failure, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// A recorded provider refund failed after all: marks the part <c>failed</c> (once: a conditional update). If its
    /// refund has already finished, the part's amount — which left the balance with the refund's ledger entry — comes
    /// back as a <c>refund_reversal</c> credit, and the refund becomes <c>failed</c> with <c>refunded</c> reduced. An
    /// unfinished refund counts only parts that did not fail when it finishes, so its hold returns the amount then.
    /// </summary>
    Task<RefundPartFailure> FailPartAsync(string providerRefundId, string reason, DateTimeOffset now, CancellationToken cancellationToken);
}

internal enum RefundPartFailure
{
    /// <summary>Not a recorded part of any refund.</summary>
    Unknown,

    /// <summary>Recorded as failed before; nothing changed.</summary>
    AlreadyFailed,

    /// <summary>Marked failed now.</summary>
    Failed,
}

internal enum RefundRequestStatus
{
    /// <summary>Recorded and held now.</summary>
    Created,

    /// <summary>A refund with the same reference was recorded before; nothing new was held.</summary>
    Existing,

    /// <summary>The balance or the unclaimed paid top-ups no longer cover the amount (they changed meanwhile).</summary>
    NotCovered,
}

internal sealed record RefundRequestResult(RefundRequestStatus Status, Refund? Refund);
