namespace OmniaKey.Modules.Billing.Domain.Payments;

/// <summary>
/// A webhook event received from the payment provider, keyed by the provider's event id. Once
/// <see cref="ProcessedAt"/> is set, a redelivery is acknowledged without doing anything again.
/// </summary>
internal sealed class PaymentEvent
{
    public PaymentEvent(string id, string type, string? objectId, DateTimeOffset receivedAt)
    {
        Id = id;
        Type = type;
        ObjectId = objectId;
        ReceivedAt = receivedAt;
    }

    public string Id { get; private set; }

    public string Type { get; private set; }

    /// <summary>The id of the object the event is about (a checkout session, a charge, a dispute).</summary>
    public string? ObjectId { get; private set; }

    public DateTimeOffset ReceivedAt { get; private set; }

    public DateTimeOffset? ProcessedAt { get; private set; }

    /// <summary>What processing did, e.g. <c>credited</c>, <c>unknown_session</c>, <c>ignored</c>.</summary>
    public string? Outcome { get; private set; }
}
