using OmniaKey.Application.Messaging;

namespace OmniaKey.Modules.Billing.Application.Terminations.ListTerminationRemainders;

/// <summary>
/// The accounts whose termination was settled since <paramref name="SettledSince"/> and that now have money
/// available and none reserved: what came back after the termination, with nothing more on its way (docs/adr/0053).
/// The window bounds the list (terminations of about a day), so it is not paged.
/// </summary>
internal sealed record ListTerminationRemaindersQuery(DateTimeOffset SettledSince) : IQuery<IReadOnlyList<Guid>>;
