using System.Text.Json;
using OmniaKey.Domain.Money;

namespace OmniaKey.Modules.Billing.Domain.Refunds;

/// <summary>
/// A request to pay unused balance back to the original card payments. Its <see cref="Amount"/> (whole cents) is
/// held — moved from available to reserved — from the moment it is requested until it succeeds (the hold becomes a
/// <c>refund</c> ledger entry), is denied or fails (the hold returns to available). Like balances, a refund changes
/// only through conditional updates on <see cref="Status"/> (<see cref="IRefundStore"/>), because an operator, the
/// job enqueued at approval and the recurring sweep may act on the same refund at the same time.
/// </summary>
internal sealed class Refund
{
    // Parameters named after properties, so that EF Core materialises through this constructor too.
    private Refund(Guid id, Guid accountId, Money amount, RefundOrigin origin, string? reference, RefundStatus status, DateTimeOffset createdAt)
    {
        Id = id;
        AccountId = accountId;
        Amount = amount;
        Origin = origin;
        Reference = reference;
        Status = status;
        CreatedAt = createdAt;
        DecidedAt = status == RefundStatus.Approved ? createdAt : null;
    }

    public Guid Id { get; private set; }

    public Guid AccountId { get; private set; }

    /// <summary>What is to be refunded and is held meanwhile: always whole cents, because Stripe refunds cents.</summary>
    public Money Amount { get; private set; }

    /// <summary>What the payment provider has taken back so far; set when the refund finishes.</summary>
    public Money Refunded { get; private set; }

    public RefundStatus Status { get; private set; }

    public RefundOrigin Origin { get; private set; }

    /// <summary>The client's <c>Idempotency-Key</c>, or <c>termination</c>; unique per account when set.</summary>
    public string? Reference { get; private set; }

    /// <summary>How many times processing has started; bounded by the configured maximum.</summary>
    public int Attempts { get; private set; }

    /// <summary>Why the last attempt did not finish, or why the refund failed.</summary>
    public string? LastError { get; private set; }

    /// <summary>
    /// When an approved refund may be tried again after a transient failure, or until when a processing one is leased
    /// to the worker that claimed it (after that the sweep takes it over, e.g. when that worker crashed).
    /// </summary>
    public DateTimeOffset? NextAttemptAt { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? DecidedAt { get; private set; }

    public DateTimeOffset? CompletedAt { get; private set; }

    public bool IsOpen => Status is RefundStatus.PendingApproval or RefundStatus.Approved or RefundStatus.Processing;

    public string StatusName => Name(Status);

    public string OriginName => JsonNamingPolicy.SnakeCaseLower.ConvertName(Origin.ToString());

    public static string Name(RefundStatus status) => JsonNamingPolicy.SnakeCaseLower.ConvertName(status.ToString());

    public static Refund Request(Guid accountId, Money amount, RefundOrigin origin, string? reference, bool approved, DateTimeOffset now)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(amount.NanoUsd, 0);
        if (!RefundPolicy.IsWholeCents(amount))
        {
            throw new ArgumentException($"A refund is whole cents; {amount} USD is not.", nameof(amount));
        }

        var status = approved ? RefundStatus.Approved : RefundStatus.PendingApproval;
        return new Refund(Guid.CreateVersion7(now), accountId, amount, origin, reference, status, now);
    }
}

/// <summary>
/// <c>pending_approval</c> → <c>approved</c> (by an operator, or at once with auto-approval) → <c>processing</c> →
/// <c>succeeded</c> or <c>failed</c>; or <c>pending_approval</c> → <c>denied</c>. A transient failure while processing
/// returns the refund to <c>approved</c> for the next sweep.
/// </summary>
internal enum RefundStatus
{
    PendingApproval,
    Approved,
    Processing,
    Succeeded,
    Failed,
    Denied,
}

/// <summary>Who asked: the customer, or the termination of the account without material breach (Terms §9).</summary>
internal enum RefundOrigin
{
    Customer,
    Termination,
}
