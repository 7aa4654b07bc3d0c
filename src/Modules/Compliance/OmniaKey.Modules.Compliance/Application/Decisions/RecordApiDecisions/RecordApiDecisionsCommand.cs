using OmniaKey.Application.Messaging;
using OmniaKey.Modules.Compliance.Contracts;

namespace OmniaKey.Modules.Compliance.Application.Decisions.RecordApiDecisions;

/// <summary>A batch of <c>/v1</c> decisions the in-memory gate took, written together by the background audit writer.</summary>
internal sealed record RecordApiDecisionsCommand(IReadOnlyList<TimedDecision> Decisions) : ICommand;

/// <summary>A decision and when it was taken (the gate's time, not the later write's).</summary>
internal sealed record TimedDecision(AccessDecisionDto Decision, DateTimeOffset DecidedAt);
