using OmniaKey.Application.Messaging;

namespace OmniaKey.Modules.Keys.Application.ApiKeys.RotateKey;

/// <summary>Replaces a (possibly leaked) key: the old one is revoked and a new one with the same name is issued.</summary>
internal sealed record RotateKeyCommand(Guid AccountId, Guid KeyId) : ICommand<CreatedApiKeyDto>;
