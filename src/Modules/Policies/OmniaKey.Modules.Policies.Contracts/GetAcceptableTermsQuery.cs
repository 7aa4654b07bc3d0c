using OmniaKey.Application.Messaging;

namespace OmniaKey.Modules.Policies.Contracts;

/// <summary>
/// The Terms versions a customer may accept now: the one in force and any published later one, newest effective date
/// first (for the console's account page, which offers to accept a version the customer has not accepted yet).
/// </summary>
public sealed record GetAcceptableTermsQuery : IQuery<IReadOnlyList<TermsDto>>;
