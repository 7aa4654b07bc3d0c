using OmniaKey.Application.Messaging;

namespace OmniaKey.Modules.Accounts.Contracts;

/// <summary>
/// An operator terminated the account (Terms §9): all access has stopped. For a <see cref="MaterialBreach"/> the
/// unused balance may be forfeited; otherwise it is returned per the refund policy. Published after the termination
/// commits, at least once (a repeated termination publishes again); de-duplicate on <see cref="AccountId"/>.
/// </summary>
public sealed record AccountTerminatedIntegrationEvent(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid AccountId,
    string Reason,
    bool MaterialBreach,
    DateTimeOffset TerminatedAt) : IIntegrationEvent;
