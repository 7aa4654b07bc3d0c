using OmniaKey.Application.Messaging;
using OmniaKey.Modules.Compliance.Application.Paging;
using OmniaKey.Modules.Compliance.Domain.Decisions;

namespace OmniaKey.Modules.Compliance.Application.Decisions.ListDecisions;

internal sealed class ListDecisionsQueryHandler(IAccessDecisionRepository decisions, IPendingDecisionWrites pending)
    : IQueryHandler<ListDecisionsQuery, PageDto<AccessDecisionEntryDto>>
{
    public async Task<PageDto<AccessDecisionEntryDto>> Handle(ListDecisionsQuery query, CancellationToken cancellationToken)
    {
        await pending.WaitForQueuedAsync(cancellationToken);
        PageCursor.TryDecode(query.Cursor, out var position);
        var after = position is { } p ? new DecisionPosition(p.At, p.Id) : null;
        var filter = new DecisionFilter(query.AccountId is null ? null : Guid.Parse(query.AccountId), query.Outcome, query.Surface);
        var limit = query.Limit ?? ListDecisionsQuery.DefaultLimit;

        // One extra row tells whether another page follows, without a count query.
        var rows = await decisions.ListAsync(filter, after, limit + 1, cancellationToken);
        var page = rows.Take(limit).ToList();
        var next = rows.Count > limit ? PageCursor.Encode(0, page[^1].CreatedAt, page[^1].Id) : null;
        return new PageDto<AccessDecisionEntryDto>([.. page.Select(ToDto)], next);
    }

    private static AccessDecisionEntryDto ToDto(AccessDecision d)
    {
        var evidence = new Dictionary<string, string>();
        Add(evidence, "ip", d.Ip);
        Add(evidence, "ip_country", d.IpCountry);
        Add(evidence, "declared_country", d.DeclaredCountry);
        Add(evidence, "card_country", d.CardCountry);
        Add(evidence, "payment_id", d.Reference is { } r && r.StartsWith("payment:", StringComparison.Ordinal) ? r["payment:".Length..] : null);
        return new AccessDecisionEntryDto(d.Id, d.AccountId, d.Surface, d.Outcome, d.Country, d.Signal, evidence, d.CreatedAt);
    }

    private static void Add(Dictionary<string, string> evidence, string key, string? value)
    {
        if (value is not null)
        {
            evidence[key] = value;
        }
    }
}
