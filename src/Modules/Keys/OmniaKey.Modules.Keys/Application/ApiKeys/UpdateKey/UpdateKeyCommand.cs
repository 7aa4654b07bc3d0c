using OmniaKey.Application.Messaging;

namespace OmniaKey.Modules.Keys.Application.ApiKeys.UpdateKey;

/// <summary>Renames a key and/or changes its limits; absent fields keep their value, null clears a limit.</summary>
internal sealed record UpdateKeyCommand(Guid AccountId, Guid KeyId, Optional<string?> Name, KeyLimitsPatch Limits) : ICommand;
