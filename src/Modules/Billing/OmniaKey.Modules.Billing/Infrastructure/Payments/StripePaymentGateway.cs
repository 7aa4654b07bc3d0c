using System.Net;
using OmniaKey.Application.Exceptions;
using OmniaKey.Modules.Billing.Application.Payments;
using Stripe;
using Stripe.Checkout;

namespace OmniaKey.Modules.Billing.Infrastructure.Payments;

/// <summary>Billing's payment provider port over Stripe.net.</summary>
internal sealed class StripePaymentGateway(StripeClientAccessor stripe, StripeSettings settings) : IPaymentGateway
{
    /// <summary>Set by OmniaKey's own refund flow on the refunds it creates, so webhooks do not count them twice.</summary>
    public const string OmniaKeyRefundMetadataKey = "omniakey_refund_id";

    public async Task<CreatedCheckoutSession> CreateCheckoutSessionAsync(CheckoutSessionRequest request, CancellationToken cancellationToken)
    {
        var accountId = request.AccountId.ToString();
        var metadata = new Dictionary<string, string> { ["account_id"] = accountId, ["top_up_id"] = request.TopUpId.ToString() };
        var options = new SessionCreateOptions
        {
            Mode = "payment",
            ClientReferenceId = accountId,
            Metadata = metadata,
            PaymentIntentData = new SessionPaymentIntentDataOptions { Metadata = new Dictionary<string, string>(metadata) },
            LineItems =
            [
                new SessionLineItemOptions
                {
                    Quantity = 1,
                    PriceData = new SessionLineItemPriceDataOptions
                    {
                        Currency = "usd",
                        UnitAmount = request.AmountCents,
                        ProductData = new SessionLineItemPriceDataProductDataOptions { Name = "OmniaKey balance top-up" },
                    },
                },
            ],
            SuccessUrl = settings.SuccessUrl,
            CancelUrl = settings.CancelUrl,
        };

        // The top-up id as idempotency key: a retried request gets the same session instead of a second one.
        var session = await CallAsync(() => stripe.Client.V1.Checkout.Sessions.CreateAsync(
            options, new RequestOptions { IdempotencyKey = $"omniakey-checkout-{request.TopUpId:N}" }, cancellationToken));
        return new CreatedCheckoutSession(session.Id, session.Url);
    }

    public async Task<PaymentCharge?> GetChargeAsync(string paymentId, CancellationToken cancellationToken)
    {
        var intent = await CallAsync(() => stripe.Client.V1.PaymentIntents.GetAsync(
            paymentId, new PaymentIntentGetOptions { Expand = ["latest_charge"] }, null, cancellationToken));
        var charge = intent.LatestCharge;
        return charge is null
            ? null
            : new PaymentCharge(charge.Id, charge.PaymentMethodDetails?.Card?.Country is { Length: 2 } country ? country.ToUpperInvariant() : null);
    }

    public async Task<IReadOnlyList<ProviderRefund>> ListRefundsAsync(string chargeId, CancellationToken cancellationToken)
    {
        var refunds = new List<ProviderRefund>();
        await foreach (var refund in stripe.Client.V1.Refunds.ListAutoPagingAsync(new RefundListOptions { Charge = chargeId, Limit = 100 }, null, cancellationToken))
        {
            var ours = refund.Metadata?.GetValueOrDefault(OmniaKeyRefundMetadataKey);
            refunds.Add(new ProviderRefund(refund.Id, chargeId, refund.Amount, refund.Status ?? string.Empty, ours));
        }

        return refunds;
    }

    public async Task<IReadOnlyList<ProviderDispute>> ListDisputesAsync(string chargeId, CancellationToken cancellationToken)
    {
        var disputes = new List<ProviderDispute>();
        await foreach (var dispute in stripe.Client.V1.Disputes.ListAutoPagingAsync(new DisputeListOptions { Charge = chargeId, Limit = 100 }, null, cancellationToken))
        {
            disputes.Add(ToDispute(dispute));
        }

        return disputes;
    }

    public async Task<ProviderRefundOutcome> CreateRefundAsync(ProviderRefundRequest request, CancellationToken cancellationToken)
    {
        var refundId = request.RefundId.ToString();
        var options = new RefundCreateOptions
        {
            Charge = request.ChargeId,
            Amount = request.AmountCents,
            Reason = "requested_by_customer",
            Metadata = new Dictionary<string, string> { [OmniaKeyRefundMetadataKey] = refundId, ["account_id"] = request.AccountId.ToString() },
        };
        var idempotencyKey = $"omniakey-refund-{request.RefundId:N}-{request.ChargeId}-{request.Attempt}";
        try
        {
            var refund = await stripe.Client.V1.Refunds.CreateAsync(options, new RequestOptions { IdempotencyKey = idempotencyKey }, cancellationToken);
            return refund.Status is "failed" or "canceled"
                ? new ProviderRefundOutcome.Rejected($"Stripe refund {refund.Id} is {refund.Status} ({refund.FailureReason ?? "no reason given"})")
                : new ProviderRefundOutcome.Created(new ProviderRefund(refund.Id, request.ChargeId, refund.Amount, refund.Status ?? "pending", refundId));
        }
        catch (StripeException e) when (IsTransient(e))
        {
            return new ProviderRefundOutcome.Unavailable($"Stripe answered {(int)e.HttpStatusCode}: {e.Message}");
        }
        catch (StripeException e)
        {
            return new ProviderRefundOutcome.Rejected($"Stripe refused ({e.StripeError?.Code ?? ((int)e.HttpStatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture)}): {e.Message}");
        }
        catch (HttpRequestException e)
        {
            return new ProviderRefundOutcome.Unavailable($"Stripe could not be reached: {e.Message}");
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            return new ProviderRefundOutcome.Unavailable($"Stripe did not answer in time: {e.Message}");
        }
        catch (ServiceUnavailableException e)
        {
            return new ProviderRefundOutcome.Unavailable(e.Message);
        }
    }

    public static ProviderDispute ToDispute(Dispute dispute) =>
        new(dispute.Id, dispute.ChargeId, dispute.PaymentIntentId, dispute.Amount, dispute.Reason ?? "unknown");

    /// <summary>
    /// Worth trying again later: server errors, rate limits, lock conflicts, an answer that is not Stripe's, and
    /// authentication errors (a configuration fix makes the same refund succeed). Other 4xx refuse the refund itself.
    /// </summary>
    private static bool IsTransient(StripeException e) =>
        e.StripeError is null
        || e.HttpStatusCode is >= HttpStatusCode.InternalServerError
            or HttpStatusCode.TooManyRequests
            or HttpStatusCode.Conflict
            or HttpStatusCode.Unauthorized
            or HttpStatusCode.Forbidden;

    private static async Task<T> CallAsync<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (StripeException e) when (e.HttpStatusCode is >= HttpStatusCode.InternalServerError or HttpStatusCode.TooManyRequests || e.StripeError is null)
        {
            // Stripe.net has already retried; let our caller (or Stripe, for webhooks) try again later.
            throw new ServiceUnavailableException("payment_provider_unavailable", $"The payment provider did not answer: {e.Message}");
        }
        catch (HttpRequestException e)
        {
            throw new ServiceUnavailableException("payment_provider_unavailable", $"The payment provider could not be reached: {e.Message}");
        }
    }
}
