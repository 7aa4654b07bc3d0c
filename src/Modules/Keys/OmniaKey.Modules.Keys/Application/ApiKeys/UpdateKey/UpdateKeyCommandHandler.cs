using OmniaKey.Application.Exceptions;
using OmniaKey.Application.Messaging;
using OmniaKey.Modules.Keys.Domain.ApiKeys;

namespace OmniaKey.Modules.Keys.Application.ApiKeys.UpdateKey;

/// <summary>
/// Applies a partial update to a key of the caller's account (another account's key is "not found"). The key's
/// cached copy is evicted once this commits (<see cref="ApiKeyChangedDomainEventHandler"/>).
/// </summary>
internal sealed class UpdateKeyCommandHandler(IApiKeyRepository keys, TimeProvider clock) : ICommandHandler<UpdateKeyCommand>
{
    public async Task Handle(UpdateKeyCommand command, CancellationToken cancellationToken)
    {
        var key = await keys.FindAsync(command.AccountId, command.KeyId, cancellationToken)
            ?? throw new NotFoundException("key_not_found", $"Key {command.KeyId} does not exist.");
        var name = command.Name.IsSet ? command.Name.Value!.Trim() : key.Name;
        key.Change(name, command.Limits.ApplyTo(key.Limits), clock.GetUtcNow());
    }
}
