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
            var isOurs = refund.Metadata?.ContainsKey(OmniaKeyRefundMetadataKey) == true;
            refunds.Add(new ProviderRefund(refund.Id, chargeId, refund.Amount, refund.Status ?? string.Empty, isOurs));
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

    public static ProviderDispute ToDispute(Dispute dispute) =>
        new(dispute.Id, dispute.ChargeId, dispute.PaymentIntentId, dispute.Amount, dispute.Reason ?? "unknown");

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
