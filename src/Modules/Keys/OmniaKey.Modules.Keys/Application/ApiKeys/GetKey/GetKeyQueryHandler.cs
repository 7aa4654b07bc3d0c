using OmniaKey.Application.Exceptions;
using OmniaKey.Application.Messaging;
using OmniaKey.Modules.Keys.Domain.ApiKeys;

namespace OmniaKey.Modules.Keys.Application.ApiKeys.GetKey;

internal sealed class GetKeyQueryHandler(IApiKeyRepository keys, IDispatcher dispatcher, TimeProvider clock) : IQueryHandler<GetKeyQuery, ApiKeyDto>
{
    public async Task<ApiKeyDto> Handle(GetKeyQuery query, CancellationToken cancellationToken)
    {
        var key = await keys.GetAsync(query.AccountId, query.KeyId, cancellationToken)
            ?? throw new NotFoundException("key_not_found", $"Key {query.KeyId} does not exist.");
        var usage = await KeyUsageReader.ReadAsync(dispatcher, query.AccountId, [key.Id], cancellationToken);
        var periodSpend = await KeyUsageReader.ReadPeriodSpendAsync(dispatcher, query.AccountId, [key], cancellationToken);
        return ApiKeyDto.From(key, clock.GetUtcNow(), usage.GetValueOrDefault(key.Id, KeyUsage.Unused), periodSpend.GetValueOrDefault(key.Id));
    }
}
