using OmniaKey.Domain.Primitives;

namespace OmniaKey.Modules.Accounts.Domain.Accounts;

/// <summary>The account's status changed: whoever caches it must forget the old one once this commits.</summary>
internal sealed record AccountStatusChangedDomainEvent(Guid AccountId, AccountStatus Status, DateTimeOffset OccurredAt) : IDomainEvent;

/// <summary>An operator ended the account for good (Terms §9); other modules settle what it leaves behind.</summary>
internal sealed record AccountTerminatedDomainEvent(Guid AccountId, string Reason, bool MaterialBreach, DateTimeOffset OccurredAt) : IDomainEvent;

/// <summary>Every access token of the account stopped being valid: session caches must forget it once this commits.</summary>
internal sealed record AccountSessionsEndedDomainEvent(Guid AccountId, DateTimeOffset OccurredAt) : IDomainEvent;

/// <summary>A customer signed up: a verification e-mail goes out once this commits.</summary>
internal sealed record AccountSignedUpDomainEvent(Guid AccountId, string Email, DateTimeOffset OccurredAt) : IDomainEvent;
