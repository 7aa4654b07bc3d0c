using OmniaKey.Application.Messaging;

namespace OmniaKey.Modules.Billing.Application.Reservations.PurgeClosedReservations;

/// <summary>
/// Deletes reservation rows (a call's own hold, or a balance lease) that were closed long ago (docs/adr/0012). A
/// closed row is kept only so that a duplicate or late settlement finds it closed; no settlement can arrive a week
/// after its hold expired (the relay's deadline is minutes), and one that found no row would charge nothing anyway.
/// The usage records and ledger entries of those calls stay: they are the history.
/// </summary>
internal sealed record PurgeClosedReservationsCommand : ICommand<int>
{
    /// <summary>How long after its expiry a closed row is kept.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromDays(7);

    /// <summary>Rows deleted per statement: short locks, however many are due.</summary>
    public const int BatchSize = 10_000;

    /// <summary>Batches per run; the next run deletes the rest.</summary>
    public const int MaximumBatches = 50;
}
