using OmniaKey.Application.Messaging;

namespace OmniaKey.Modules.Keys.Application.ApiKeys.ListKeys;

internal sealed record ListKeysQuery(Guid AccountId) : IQuery<IReadOnlyList<ApiKeyDto>>;
