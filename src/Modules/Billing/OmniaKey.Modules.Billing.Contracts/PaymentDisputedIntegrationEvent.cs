using OmniaKey.Application.Messaging;

namespace OmniaKey.Modules.Billing.Contracts;

/// <summary>
/// The payer disputed a top-up payment with their bank. Billing has already clawed back what the balance could
/// cover (<see cref="ClawedBackUsd"/>) and flagged the account; other modules may react (e.g. review or suspend).
/// Published at least once per dispute; de-duplicate on <see cref="DisputeId"/>. Amounts are decimal USD strings.
/// </summary>
public sealed record PaymentDisputedIntegrationEvent(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid AccountId,
    string DisputeId,
    string DisputedUsd,
    string ClawedBackUsd) : IIntegrationEvent;
