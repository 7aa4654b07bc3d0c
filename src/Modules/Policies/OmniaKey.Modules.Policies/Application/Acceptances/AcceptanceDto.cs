namespace OmniaKey.Modules.Policies.Application.Acceptances;

/// <summary>An acceptance as answered: <c>method</c> is <c>signup</c>, <c>explicit</c> or <c>continued_use</c>.</summary>
internal sealed record AcceptanceDto(Guid AccountId, string Version, string Method, DateTimeOffset AcceptedAt);
