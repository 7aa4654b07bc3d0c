using OmniaKey.Application.Messaging;
using OmniaKey.Modules.Billing.Application.Balances;
using OmniaKey.Modules.Billing.Contracts;
using OmniaKey.Modules.Billing.Domain.Ledger;

namespace OmniaKey.Modules.Billing.Application.Ledger.ListLedger;

internal sealed class ListLedgerQueryHandler(ILedgerRepository ledger, IPendingSettlements pending) : IQueryHandler<ListLedgerQuery, PageDto<LedgerEntryDto>>
{
    public async Task<PageDto<LedgerEntryDto>> Handle(ListLedgerQuery query, CancellationToken cancellationToken)
    {
        await pending.WaitForAccountAsync(query.AccountId, cancellationToken);
        LedgerCursor.TryDecode(query.Cursor, out var after);
        var limit = query.Limit ?? ListLedgerQuery.DefaultLimit;

        // One extra entry tells whether another page follows, without a count query.
        var entries = await ledger.ListAsync(query.AccountId, after, limit + 1, cancellationToken);
        var page = entries.Take(limit).ToList();
        var next = entries.Count > limit ? LedgerCursor.Encode(new LedgerPosition(page[^1].CreatedAt, page[^1].Id)) : null;
        return new PageDto<LedgerEntryDto>(page.Select(LedgerEntryMapping.ToDto).ToList(), next);
    }
}
