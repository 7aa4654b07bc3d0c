using OmniaKey.Application.Messaging;
using OmniaKey.Modules.Keys.Domain.ApiKeys;

namespace OmniaKey.Modules.Keys.Application.ApiKeys.ListKeys;

internal sealed class ListKeysQueryHandler(IApiKeyRepository keys) : IQueryHandler<ListKeysQuery, IReadOnlyList<ApiKeyDto>>
{
    public async Task<IReadOnlyList<ApiKeyDto>> Handle(ListKeysQuery query, CancellationToken cancellationToken) =>
        (await keys.ListAsync(query.AccountId, cancellationToken)).Select(ApiKeyDto.From).ToList();
}
