using OmniaKey.Application.Messaging;
using OmniaKey.Modules.Keys.Application.ApiKeys.ListKeys;
using OmniaKey.Modules.Keys.Contracts;

namespace OmniaKey.Modules.Keys.Application.ApiKeys.ExportKeys;

/// <summary>Every key of the account as the customer's own key list shows it (no secrets), all pages.</summary>
internal sealed class GetAccountKeysForExportQueryHandler(IDispatcher dispatcher) : IQueryHandler<GetAccountKeysForExportQuery, IReadOnlyList<object>>
{
    public async Task<IReadOnlyList<object>> Handle(GetAccountKeysForExportQuery query, CancellationToken cancellationToken)
    {
        var keys = new List<object>();
        string? cursor = null;
        do
        {
            var page = await dispatcher.Query(new ListKeysQuery(query.AccountId, cursor, ListKeysQuery.MaxLimit), cancellationToken);
            keys.AddRange(page.Data);
            cursor = page.NextCursor;
        }
        while (cursor is not null);

        return keys;
    }
}
