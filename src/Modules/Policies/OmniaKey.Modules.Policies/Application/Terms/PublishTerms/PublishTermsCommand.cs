using OmniaKey.Application.Messaging;
using OmniaKey.Modules.Policies.Contracts;

namespace OmniaKey.Modules.Policies.Application.Terms.PublishTerms;

/// <summary>Publishes a Terms version (admin). A material version is e-mailed to every account with a positive balance.</summary>
internal sealed record PublishTermsCommand(string? Version, DateTimeOffset? EffectiveAt, bool Material, string? Text) : ICommand<TermsDto>;
