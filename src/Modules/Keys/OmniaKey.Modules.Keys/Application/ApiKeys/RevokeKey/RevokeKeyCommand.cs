using OmniaKey.Application.Messaging;

namespace OmniaKey.Modules.Keys.Application.ApiKeys.RevokeKey;

internal sealed record RevokeKeyCommand(Guid AccountId, Guid KeyId) : ICommand<ApiKeyDto>;
