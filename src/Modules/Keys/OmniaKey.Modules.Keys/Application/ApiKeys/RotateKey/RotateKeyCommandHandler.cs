using OmniaKey.Application.Exceptions;
using OmniaKey.Application.Messaging;
using OmniaKey.Modules.Keys.Domain.ApiKeys;

namespace OmniaKey.Modules.Keys.Application.ApiKeys.RotateKey;

internal sealed class RotateKeyCommandHandler(IApiKeyRepository keys, TimeProvider clock)
    : ICommandHandler<RotateKeyCommand, CreatedApiKeyDto>
{
    public async Task<CreatedApiKeyDto> Handle(RotateKeyCommand command, CancellationToken cancellationToken)
    {
        var old = await keys.FindAsync(command.AccountId, command.KeyId, cancellationToken)
            ?? throw new NotFoundException("key_not_found", $"Key {command.KeyId} does not exist.");
        var now = clock.GetUtcNow();
        old.Revoke(now);
        var secret = ApiKeySecret.Generate();
        var replacement = ApiKey.Create(command.AccountId, old.Name, secret, now);
        keys.Add(replacement);
        return new CreatedApiKeyDto(replacement.Id, replacement.Name, secret.Value, replacement.DisplayPrefix, "active", replacement.CreatedAt);
    }
}
