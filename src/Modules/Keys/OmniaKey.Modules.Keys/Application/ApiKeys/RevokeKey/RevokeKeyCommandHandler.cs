using OmniaKey.Application.Exceptions;
using OmniaKey.Application.Messaging;
using OmniaKey.Modules.Keys.Domain.ApiKeys;

namespace OmniaKey.Modules.Keys.Application.ApiKeys.RevokeKey;

/// <summary>Revokes a key; <see cref="ApiKeys.ApiKeyRevokedDomainEventHandler"/> evicts it from the cache once this commits.</summary>
internal sealed class RevokeKeyCommandHandler(IApiKeyRepository keys, TimeProvider clock)
    : ICommandHandler<RevokeKeyCommand, ApiKeyDto>
{
    public async Task<ApiKeyDto> Handle(RevokeKeyCommand command, CancellationToken cancellationToken)
    {
        var key = await keys.FindAsync(command.AccountId, command.KeyId, cancellationToken)
            ?? throw new NotFoundException("key_not_found", $"Key {command.KeyId} does not exist.");
        var now = clock.GetUtcNow();
        key.Revoke(now);

        // The endpoint answers with a fresh read (GetKeyQuery) that includes the key's spend.
        return ApiKeyDto.From(key, now, KeyUsage.Unused);
    }
}
