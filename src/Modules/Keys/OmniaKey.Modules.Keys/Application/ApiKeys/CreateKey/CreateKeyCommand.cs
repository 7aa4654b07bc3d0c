using OmniaKey.Application.Messaging;

namespace OmniaKey.Modules.Keys.Application.ApiKeys.CreateKey;

internal sealed record CreateKeyCommand(Guid AccountId, string Name, KeyLimitsPatch? Limits = null) : ICommand<CreatedApiKeyDto>;
