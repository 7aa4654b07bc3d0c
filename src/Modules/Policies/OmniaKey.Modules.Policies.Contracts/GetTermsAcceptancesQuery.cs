using OmniaKey.Application.Messaging;

namespace OmniaKey.Modules.Policies.Contracts;

/// <summary>Every Terms acceptance of one account, newest first (for the account view and the data export).</summary>
public sealed record GetTermsAcceptancesQuery(Guid AccountId) : IQuery<IReadOnlyList<TermsAcceptanceDto>>;

/// <summary><see cref="Method"/> is <c>signup</c>, <c>explicit</c> or <c>continued_use</c>.</summary>
public sealed record TermsAcceptanceDto(string Version, string Method, DateTimeOffset AcceptedAt, string? IpAddress);
