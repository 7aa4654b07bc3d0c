using OmniaKey.Application.Messaging;
using OmniaKey.Modules.Billing.Application.Ledger.ListLedger;
using OmniaKey.Modules.Billing.Application.Refunds.ListRefunds;
using OmniaKey.Modules.Billing.Application.Usage.ListUsage;
using OmniaKey.Modules.Billing.Contracts;

namespace OmniaKey.Modules.Billing.Application.Export;

/// <summary>Walks the pages of the customer's own lists, so the export shows exactly what the API shows.</summary>
internal sealed class GetAccountBillingForExportQueryHandler(IDispatcher dispatcher)
    : IQueryHandler<GetAccountBillingForExportQuery, AccountBillingExportDto>
{
    public async Task<AccountBillingExportDto> Handle(GetAccountBillingForExportQuery query, CancellationToken cancellationToken)
    {
        var id = query.AccountId;
        var ledger = await AllAsync(cursor => dispatcher.Query(new ListLedgerQuery(id, ListLedgerQuery.MaximumLimit, cursor), cancellationToken));
        var usage = await AllAsync(cursor => dispatcher.Query(new ListUsageQuery(id, ListUsageQuery.MaximumLimit, cursor, null, null, null, null), cancellationToken));
        var refunds = await AllAsync(cursor => dispatcher.Query(new ListRefundsQuery(id, null, ListRefundsQuery.MaximumLimit, cursor), cancellationToken));
        return new AccountBillingExportDto(ledger, usage, refunds);
    }

    private static async Task<IReadOnlyList<object>> AllAsync<T>(Func<string?, Task<PageDto<T>>> page)
        where T : notnull
    {
        var all = new List<object>();
        string? cursor = null;
        do
        {
            var next = await page(cursor);
            all.AddRange(next.Data.Cast<object>());
            cursor = next.NextCursor;
        }
        while (cursor is not null);

        return all;
    }
}
