using OmniaKey.Application.Messaging;

namespace OmniaKey.Modules.Billing.Contracts;

/// <summary>
/// A card payment for a top-up succeeded and the card was issued in <see cref="Country"/> (ISO 3166-1 alpha-2,
/// upper case). Compliance uses it as one signal of where a customer is (Terms §2: "payment method").
/// Published at least once per payment; de-duplicate on <see cref="PaymentId"/>.
/// </summary>
public sealed record PaymentCardCountryObservedIntegrationEvent(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid AccountId,
    string Country,
    string PaymentId,
    string ChargeId) : IIntegrationEvent;
