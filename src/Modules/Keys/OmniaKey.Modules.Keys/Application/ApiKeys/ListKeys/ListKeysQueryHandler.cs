using OmniaKey.Application.Messaging;
using OmniaKey.Modules.Keys.Domain.ApiKeys;

namespace OmniaKey.Modules.Keys.Application.ApiKeys.ListKeys;

internal sealed class ListKeysQueryHandler(IApiKeyRepository keys, IDispatcher dispatcher, TimeProvider clock)
    : IQueryHandler<ListKeysQuery, KeyPageDto>
{
    public async Task<KeyPageDto> Handle(ListKeysQuery query, CancellationToken cancellationToken)
    {
        KeyCursor.TryDecode(query.Cursor, out var after);
        var limit = query.Limit ?? ListKeysQuery.DefaultLimit;

        // One extra key tells whether another page follows, without a count query.
        var found = await keys.ListAsync(query.AccountId, after, limit + 1, cancellationToken);
        var page = found.Take(limit).ToList();
        var usage = await KeyUsageReader.ReadAsync(dispatcher, query.AccountId, page.ConvertAll(k => k.Id), cancellationToken);
        var periodSpend = await KeyUsageReader.ReadPeriodSpendAsync(dispatcher, query.AccountId, page, cancellationToken);
        var now = clock.GetUtcNow();
        return new KeyPageDto(
            page.ConvertAll(k => ApiKeyDto.From(k, now, usage.GetValueOrDefault(k.Id, KeyUsage.Unused), periodSpend.GetValueOrDefault(k.Id))),
            found.Count > limit ? KeyCursor.Encode(page[^1].Id) : null);
    }
}
