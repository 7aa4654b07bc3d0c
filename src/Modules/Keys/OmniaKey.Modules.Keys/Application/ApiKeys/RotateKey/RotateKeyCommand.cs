using OmniaKey.Application.Messaging;

namespace OmniaKey.Modules.Keys.Application.ApiKeys.RotateKey;

/// <summary>
/// Replaces a (possibly leaked) key: a new one with the same name and limits is issued, and the old one is revoked at
/// once, or, with <paramref name="OverlapSeconds"/> above zero, keeps working for that long (so clients can switch
/// over) and then expires, on every instance (docs/adr/0032-cluster-wide-invalidation.md).
/// </summary>
internal sealed record RotateKeyCommand(Guid AccountId, Guid KeyId, int OverlapSeconds = 0) : ICommand<CreatedApiKeyDto>
{
    /// <summary>One day: long enough to roll a key out to every client, short enough that a leaked key does not linger.</summary>
    public const int MaxOverlapSeconds = 86_400;
}
