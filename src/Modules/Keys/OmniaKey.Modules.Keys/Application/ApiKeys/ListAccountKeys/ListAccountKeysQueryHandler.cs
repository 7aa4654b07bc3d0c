using OmniaKey.Application.Messaging;
using OmniaKey.Modules.Keys.Contracts;
using OmniaKey.Modules.Keys.Domain.ApiKeys;

namespace OmniaKey.Modules.Keys.Application.ApiKeys.ListAccountKeys;

internal sealed class ListAccountKeysQueryHandler(IApiKeyRepository keys) : IQueryHandler<ListAccountKeysQuery, IReadOnlyList<AccountKeyDto>>
{
    public async Task<IReadOnlyList<AccountKeyDto>> Handle(ListAccountKeysQuery query, CancellationToken cancellationToken) =>
        (await keys.ListAllAsync(query.AccountId, cancellationToken))
            .OrderByDescending(k => k.CreatedAt)
            .ThenByDescending(k => k.Id)
            .Select(k => new AccountKeyDto(k.Id, k.Name, k.DisplayPrefix, k.LastFour, k.IsRevoked ? "revoked" : "active", k.CreatedAt, k.RevokedAt))
            .ToList();
}
