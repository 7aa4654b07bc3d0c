using Microsoft.Extensions.Logging;
using OmniaKey.Application.Exceptions;
using OmniaKey.Domain.Money;
using OmniaKey.Modules.Billing.Domain.Refunds;

namespace OmniaKey.Modules.Billing.Application.Refunds;

/// <summary>
/// Requests a refund — by the customer, or for a terminated account — and holds its amount. The amount is checked
/// against what is refundable now; the store checks it again under the balance row's lock, and if the balance moved
/// in between (a call settled, a webhook took money back) the request is simply worked out again.
/// </summary>
internal sealed partial class RefundRequests(IRefundStore refunds, IRefundQueue queue, TimeProvider clock, ILogger<RefundRequests> logger)
{
    private const int MaximumTries = 3;

    /// <summary>
    /// Holds and records a refund of <paramref name="amount"/>, or of everything refundable when null. Returns no
    /// refund when the amount is not refundable (then <see cref="RequestedRefund.Refundable"/> says what is).
    /// With a <paramref name="reference"/> already used, returns that earlier refund and holds nothing.
    /// </summary>
    public async Task<RequestedRefund> RequestAsync(
        Guid accountId, Money? amount, RefundOrigin origin, string? reference, bool approved, CancellationToken cancellationToken)
    {
        for (var attempt = 1; attempt <= MaximumTries; attempt++)
        {
            // Checked on every try: a concurrent request with the same reference may be what just took the money.
            if (reference is not null && await refunds.FindByReferenceAsync(accountId, reference, cancellationToken) is { } earlier)
            {
                return new RequestedRefund(earlier, false, Money.Zero);
            }

            var refundable = RefundPolicy.Refundable(await refunds.GetFundsAsync(accountId, cancellationToken));
            var wanted = amount ?? refundable;
            if (!wanted.IsPositive || wanted > refundable)
            {
                return new RequestedRefund(null, false, refundable);
            }

            var result = await refunds.RequestAsync(Refund.Request(accountId, wanted, origin, reference, approved, clock.GetUtcNow()), cancellationToken);
            if (result is { Status: RefundRequestStatus.Created, Refund: { } created })
            {
                LogRequested(created.Id, accountId, created.Amount.ToString(), created.OriginName, created.StatusName);
                if (approved)
                {
                    queue.Enqueue(created.Id);
                }

                return new RequestedRefund(created, true, refundable);
            }

            if (result is { Status: RefundRequestStatus.Existing, Refund: { } existing })
            {
                return new RequestedRefund(existing, false, refundable);
            }
        }

        throw new ConflictException("balance_changing", "The balance kept changing while the refund was being requested; please try again.");
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Refund {RefundId} of {AmountUsd} USD requested for account {AccountId} ({Origin}); {Status}, amount held")]
    private partial void LogRequested(Guid refundId, Guid accountId, string amountUsd, string origin, string status);
}

/// <summary>The refund requested (or found by its reference), whether it is new, and what was refundable.</summary>
internal sealed record RequestedRefund(Refund? Refund, bool IsNew, Money Refundable);
