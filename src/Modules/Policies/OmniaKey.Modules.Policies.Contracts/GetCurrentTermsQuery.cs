using OmniaKey.Application.Messaging;

namespace OmniaKey.Modules.Policies.Contracts;

/// <summary>The Terms of Service version in force now.</summary>
public sealed record GetCurrentTermsQuery : IQuery<TermsDto>;

public sealed record TermsDto(string Version, DateTimeOffset EffectiveAt, DateTimeOffset PublishedAt, string Url);
