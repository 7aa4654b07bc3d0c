using OmniaKey.Application.Messaging;
using OmniaKey.Modules.Compliance.Application.Decisions.ListDecisions;
using OmniaKey.Modules.Compliance.Contracts;

namespace OmniaKey.Modules.Compliance.Application.Decisions.ExportDecisions;

/// <summary>Walks the decision log's pages for the account.</summary>
internal sealed class GetAccountDecisionsForExportQueryHandler(IDispatcher dispatcher) : IQueryHandler<GetAccountDecisionsForExportQuery, IReadOnlyList<object>>
{
    public async Task<IReadOnlyList<object>> Handle(GetAccountDecisionsForExportQuery query, CancellationToken cancellationToken)
    {
        var all = new List<object>();
        string? cursor = null;
        do
        {
            var page = await dispatcher.Query(
                new ListDecisionsQuery(query.AccountId.ToString(), null, null, ListDecisionsQuery.MaximumLimit, cursor), cancellationToken);
            all.AddRange(page.Data);
            cursor = page.NextCursor;
        }
        while (cursor is not null);

        return all;
    }
}
