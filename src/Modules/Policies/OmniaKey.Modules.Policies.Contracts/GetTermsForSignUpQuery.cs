using OmniaKey.Application.Messaging;

namespace OmniaKey.Modules.Policies.Contracts;

/// <summary>
/// The Terms version a new customer may accept at sign-up: the version in force, or a published version not yet in
/// force. Anything else is a 400 naming <c>terms_version</c>.
/// </summary>
public sealed record GetTermsForSignUpQuery(string Version) : IQuery<TermsDto>;
