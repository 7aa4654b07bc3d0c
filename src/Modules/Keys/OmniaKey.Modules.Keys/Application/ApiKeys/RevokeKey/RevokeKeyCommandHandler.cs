using OmniaKey.Application.Abstractions;
using OmniaKey.Application.Exceptions;
using OmniaKey.Application.Messaging;
using OmniaKey.Modules.Keys.Domain.ApiKeys;

namespace OmniaKey.Modules.Keys.Application.ApiKeys.RevokeKey;

/// <summary>
/// Revokes a key. The revocation is committed before the cache entry is evicted, so no request can re-cache the
/// key as active in between.
/// </summary>
internal sealed class RevokeKeyCommandHandler(IApiKeyRepository keys, IApiKeyCache cache, IUnitOfWork unitOfWork, TimeProvider clock)
    : ICommandHandler<RevokeKeyCommand, ApiKeyDto>
{
    public async Task<ApiKeyDto> Handle(RevokeKeyCommand command, CancellationToken cancellationToken)
    {
        var key = await keys.FindAsync(command.AccountId, command.KeyId, cancellationToken)
            ?? throw new NotFoundException("key_not_found", $"Key {command.KeyId} does not exist.");
        key.Revoke(clock.GetUtcNow());
        await unitOfWork.CommitAsync(cancellationToken);
        cache.Evict(key.Hash);
        return ApiKeyDto.From(key);
    }
}
