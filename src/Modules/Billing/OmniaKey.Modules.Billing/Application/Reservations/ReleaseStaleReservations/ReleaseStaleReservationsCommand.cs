using OmniaKey.Application.Messaging;

namespace OmniaKey.Modules.Billing.Application.Reservations.ReleaseStaleReservations;

/// <summary>
/// Releases every hold whose time-to-live has passed (the job <c>billing.release-stale-reservations</c>, every
/// minute), charging recorded partial usage where there is some. Safe to run anywhere, any number of times.
/// </summary>
internal sealed record ReleaseStaleReservationsCommand : ICommand<StaleReservationsReleasedDto>
{
    /// <summary>Expired holds read and released per batch; each release is its own transaction.</summary>
    public const int BatchSize = 100;

    /// <summary>At most this many batches per run, so one run stays short; the next minute's run takes the rest.</summary>
    public const int MaximumBatches = 20;
}

/// <summary>How many holds a run released, and how many of those were charged from recorded usage.</summary>
internal sealed record StaleReservationsReleasedDto(int Released, int SettledFromRecordedUsage);
