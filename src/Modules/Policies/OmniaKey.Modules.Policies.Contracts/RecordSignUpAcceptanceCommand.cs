using OmniaKey.Application.Messaging;

namespace OmniaKey.Modules.Policies.Contracts;

/// <summary>Records that a new account accepted <paramref name="Version"/> at sign-up (joins the sign-up's transaction).</summary>
public sealed record RecordSignUpAcceptanceCommand(Guid AccountId, string Version, string? IpAddress) : ICommand;
