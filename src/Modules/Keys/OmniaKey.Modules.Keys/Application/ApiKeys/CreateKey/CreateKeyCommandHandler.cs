using OmniaKey.Application.Exceptions;
using OmniaKey.Application.Messaging;
using OmniaKey.Modules.Keys.Domain.ApiKeys;

namespace OmniaKey.Modules.Keys.Application.ApiKeys.CreateKey;

internal sealed class CreateKeyCommandHandler(IApiKeyRepository keys, TimeProvider clock)
    : ICommandHandler<CreateKeyCommand, CreatedApiKeyDto>
{
    /// <summary>A guard against runaway scripts, not a product limit.</summary>
    public const int MaxActiveKeysPerAccount = 100;

    public async Task<CreatedApiKeyDto> Handle(CreateKeyCommand command, CancellationToken cancellationToken)
    {
        if (await keys.CountActiveAsync(command.AccountId, cancellationToken) >= MaxActiveKeysPerAccount)
        {
            throw new ConflictException("too_many_keys", $"An account may have at most {MaxActiveKeysPerAccount} active keys; revoke one first.");
        }

        var secret = ApiKeySecret.Generate();
        var now = clock.GetUtcNow();
        var limits = (command.Limits ?? KeyLimitsPatch.None).ApplyTo(KeyLimitSettings.None);
        var key = ApiKey.Create(command.AccountId, command.Name.Trim(), secret, now, limits);
        keys.Add(key);
        return CreatedApiKeyDto.From(key, secret, now);
    }
}
