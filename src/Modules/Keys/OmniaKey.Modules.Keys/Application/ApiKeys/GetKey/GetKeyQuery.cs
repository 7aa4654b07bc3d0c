using OmniaKey.Application.Messaging;

namespace OmniaKey.Modules.Keys.Application.ApiKeys.GetKey;

/// <summary>One key of the account, with its spend and last use; another account's key is "not found".</summary>
internal sealed record GetKeyQuery(Guid AccountId, Guid KeyId) : IQuery<ApiKeyDto>;
