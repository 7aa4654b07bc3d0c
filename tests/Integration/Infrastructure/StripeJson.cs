using System.Text.Json.Nodes;

namespace OmniaKey.IntegrationTests.Infrastructure;

internal sealed record FakeCheckoutSession(
    string Id,
    long AmountTotal,
    string Currency,
    string? ClientReferenceId,
    IReadOnlyDictionary<string, string> Metadata,
    string? PaymentIntentId,
    bool Paid);

internal sealed record FakePayment(string PaymentIntentId, string ChargeId, long AmountCents, string CardCountry);

internal sealed record FakeRefund(string Id, string ChargeId, long AmountCents, IReadOnlyDictionary<string, string> Metadata, string? FailureReason = null)
{
    public bool Failed => FailureReason is not null;
}

internal sealed record FakeDispute(string Id, string ChargeId, string PaymentIntentId, long AmountCents, string Reason, string Status = "needs_response");

/// <summary>Stripe API objects in their wire format (the fields Stripe.net and OmniaKey read, plus identity fields).</summary>
internal static class StripeJson
{
    private static long Now => DateTimeOffset.UtcNow.ToUnixTimeSeconds();

    public static JsonObject Session(FakeCheckoutSession s) => new()
    {
        ["id"] = s.Id,
        ["object"] = "checkout.session",
        ["amount_subtotal"] = s.AmountTotal,
        ["amount_total"] = s.AmountTotal,
        ["client_reference_id"] = s.ClientReferenceId,
        ["created"] = Now,
        ["currency"] = s.Currency,
        ["expires_at"] = Now + 86_400,
        ["livemode"] = false,
        ["metadata"] = Metadata(s.Metadata),
        ["mode"] = "payment",
        ["payment_intent"] = s.PaymentIntentId,
        ["payment_status"] = s.Paid ? "paid" : "unpaid",
        ["status"] = s.Paid ? "complete" : "open",
        ["url"] = s.Paid ? null : $"https://checkout.stripe.com/c/pay/{s.Id}",
    };

    public static JsonObject PaymentIntent(FakePayment p, long refundedCents, bool expandCharge) => new()
    {
        ["id"] = p.PaymentIntentId,
        ["object"] = "payment_intent",
        ["amount"] = p.AmountCents,
        ["amount_received"] = p.AmountCents,
        ["created"] = Now,
        ["currency"] = "usd",
        ["latest_charge"] = expandCharge ? Charge(p, refundedCents) : p.ChargeId,
        ["livemode"] = false,
        ["metadata"] = new JsonObject(),
        ["status"] = "succeeded",
    };

    public static JsonObject Charge(FakePayment p, long refundedCents) => new()
    {
        ["id"] = p.ChargeId,
        ["object"] = "charge",
        ["amount"] = p.AmountCents,
        ["amount_captured"] = p.AmountCents,
        ["amount_refunded"] = refundedCents,
        ["captured"] = true,
        ["created"] = Now,
        ["currency"] = "usd",
        ["disputed"] = false,
        ["livemode"] = false,
        ["metadata"] = new JsonObject(),
        ["paid"] = true,
        ["payment_intent"] = p.PaymentIntentId,
        ["payment_method_details"] = new JsonObject
        {
            ["type"] = "card",
            ["card"] = new JsonObject { ["brand"] = "visa", ["country"] = p.CardCountry, ["last4"] = "4242", ["exp_month"] = 12, ["exp_year"] = 2030 },
        },
        ["refunded"] = refundedCents >= p.AmountCents,
        ["status"] = "succeeded",
    };

    public static JsonObject Refund(FakeRefund r) => new()
    {
        ["id"] = r.Id,
        ["object"] = "refund",
        ["amount"] = r.AmountCents,
        ["charge"] = r.ChargeId,
        ["created"] = Now,
        ["currency"] = "usd",
        ["failure_reason"] = r.FailureReason,
        ["metadata"] = Metadata(r.Metadata),
        ["status"] = r.Failed ? "failed" : "succeeded",
    };

    public static JsonObject Dispute(FakeDispute d) => new()
    {
        ["id"] = d.Id,
        ["object"] = "dispute",
        ["amount"] = d.AmountCents,
        ["charge"] = d.ChargeId,
        ["created"] = Now,
        ["currency"] = "usd",
        ["is_charge_refundable"] = false,
        ["livemode"] = false,
        ["metadata"] = new JsonObject(),
        ["payment_intent"] = d.PaymentIntentId,
        ["reason"] = d.Reason,
        ["status"] = d.Status,
    };

    public static JsonObject List(string url, JsonObject[] data) => new()
    {
        ["object"] = "list",
        ["data"] = new JsonArray([.. data]),
        ["has_more"] = false,
        ["url"] = url,
    };

    private static JsonObject Metadata(IReadOnlyDictionary<string, string> metadata)
    {
        var json = new JsonObject();
        foreach (var (key, value) in metadata)
        {
            json[key] = value;
        }

        return json;
    }
}
