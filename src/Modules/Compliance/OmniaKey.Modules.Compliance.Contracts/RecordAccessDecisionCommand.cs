using OmniaKey.Application.Messaging;

namespace OmniaKey.Modules.Compliance.Contracts;

/// <summary>
/// Adds a decision to the audit trail. Sent from inside a command it joins that command's transaction (an allow is
/// recorded with the change it allowed); sent on its own it commits alone (a denial, after the refused command rolled
/// back).
/// </summary>
public sealed record RecordAccessDecisionCommand(AccessDecisionDto Decision) : ICommand;
