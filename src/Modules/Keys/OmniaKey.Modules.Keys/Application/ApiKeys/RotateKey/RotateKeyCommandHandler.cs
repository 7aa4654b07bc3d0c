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
        // The replacement keeps the old key's limits (a leaked key's successor must be capped as the leaked one was),
        // as they were before the overlap window gave the old key its end.
        var limits = old.Limits;
        if (command.OverlapSeconds > 0)
        {
            // An expiry rather than a timer: every instance judges it against its clock on every call, and the
            // changed key is evicted everywhere once this commits, so the window ends at the same moment on all.
            old.ExpireBy(now.AddSeconds(command.OverlapSeconds), now);
        }
        else
        {
            old.Revoke(now);
        }

        var secret = ApiKeySecret.Generate();
        var replacement = ApiKey.Create(command.AccountId, old.Name, secret, now, limits);
        keys.Add(replacement);
        return CreatedApiKeyDto.From(replacement, secret, now);
    }
}
