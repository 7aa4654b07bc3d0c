using OmniaKey.Application.Messaging;

namespace OmniaKey.Modules.Billing.Application.Terminations.ListTerminationRemainders;

/// <summary>
/// The accounts whose termination was settled since <paramref name="SettledSince"/> and that now have money
/// available and none reserved: what came back after the termination, with nothing more on its way (docs/adr/0053).
/// </summary>
internal sealed record ListTerminationRemaindersQuery(DateTimeOffset SettledSince, int Limit) : IQuery<IReadOnlyList<Guid>>;
