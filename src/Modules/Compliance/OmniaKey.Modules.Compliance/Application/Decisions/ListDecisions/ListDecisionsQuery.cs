using OmniaKey.Application.Messaging;
using OmniaKey.Modules.Compliance.Application.Paging;

namespace OmniaKey.Modules.Compliance.Application.Decisions.ListDecisions;

/// <summary>
/// The decision log, newest first, optionally for one account (<see cref="AccountId"/>, a UUID as the client sent
/// it), one outcome and one surface; <see cref="Limit"/> a page (default 50, at most 200).
/// </summary>
internal sealed record ListDecisionsQuery(string? AccountId, string? Outcome, string? Surface, int? Limit, string? Cursor)
    : IQuery<PageDto<AccessDecisionEntryDto>>
{
    public const int DefaultLimit = 50;
    public const int MaximumLimit = 200;
}

/// <summary>
/// One entry of the log. <see cref="Evidence"/> holds what was looked at, as applicable: <c>ip</c>, <c>ip_country</c>,
/// <c>declared_country</c>, <c>card_country</c>, <c>payment_id</c>.
/// </summary>
internal sealed record AccessDecisionEntryDto(
    Guid Id,
    Guid? AccountId,
    string Surface,
    string Outcome,
    string? Country,
    string? Signal,
    IReadOnlyDictionary<string, string> Evidence,
    DateTimeOffset CreatedAt);
