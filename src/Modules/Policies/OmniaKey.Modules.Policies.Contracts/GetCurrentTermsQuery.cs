using OmniaKey.Application.Messaging;

namespace OmniaKey.Modules.Policies.Contracts;

/// <summary>The Terms of Service version in force now.</summary>
public sealed record GetCurrentTermsQuery : IQuery<TermsDto>;

/// <summary>
/// A Terms version as served: the text with the configured support address in place of the seed's placeholder, and
/// <see cref="Url"/> where it can be read (<c>/api/v1/terms/{version}</c>, absolute when a public base URL is set).
/// </summary>
public sealed record TermsDto(string Version, DateTimeOffset EffectiveAt, DateTimeOffset PublishedAt, bool Material, string Text, string Url);
