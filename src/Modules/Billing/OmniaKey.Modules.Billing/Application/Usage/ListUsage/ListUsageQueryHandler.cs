using OmniaKey.Application.Messaging;
using OmniaKey.Modules.Billing.Application.Balances;
using OmniaKey.Modules.Billing.Domain.Usage;

namespace OmniaKey.Modules.Billing.Application.Usage.ListUsage;

internal sealed class ListUsageQueryHandler(IUsageRepository usage, IPendingSettlements pending) : IQueryHandler<ListUsageQuery, PageDto<UsageItemDto>>
{
    public async Task<PageDto<UsageItemDto>> Handle(ListUsageQuery query, CancellationToken cancellationToken)
    {
        await pending.WaitForAccountAsync(query.AccountId, cancellationToken);
        UsageCursor.TryDecode(query.Cursor, out var after);
        var limit = query.Limit ?? ListUsageQuery.DefaultLimit;

        // One extra record tells whether another page follows, without a count query.
        var records = await usage.ListAsync(query.AccountId, UsageFilterText.Parse(query), after, limit + 1, cancellationToken);
        var page = records.Take(limit).ToList();
        var next = records.Count > limit ? UsageCursor.Encode(new UsagePosition(page[^1].CreatedAt, page[^1].Id)) : null;
        return new PageDto<UsageItemDto>(page.Select(UsageItemDto.From).ToList(), next);
    }
}
