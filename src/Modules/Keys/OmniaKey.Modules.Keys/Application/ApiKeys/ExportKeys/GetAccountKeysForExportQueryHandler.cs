using OmniaKey.Application.Messaging;
using OmniaKey.Modules.Keys.Application.ApiKeys.ListKeys;
using OmniaKey.Modules.Keys.Contracts;

namespace OmniaKey.Modules.Keys.Application.ApiKeys.ExportKeys;

internal sealed class GetAccountKeysForExportQueryHandler(IDispatcher dispatcher) : IQueryHandler<GetAccountKeysForExportQuery, IReadOnlyList<object>>
{
    public async Task<IReadOnlyList<object>> Handle(GetAccountKeysForExportQuery query, CancellationToken cancellationToken) =>
        [.. await dispatcher.Query(new ListKeysQuery(query.AccountId), cancellationToken)];
}
