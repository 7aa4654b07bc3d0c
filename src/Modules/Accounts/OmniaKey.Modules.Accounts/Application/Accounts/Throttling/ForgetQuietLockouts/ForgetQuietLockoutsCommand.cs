using OmniaKey.Application.Messaging;

namespace OmniaKey.Modules.Accounts.Application.Accounts.Throttling.ForgetQuietLockouts;

/// <summary>
/// Deletes the log-in lock-out rows that can no longer matter (docs/adr/0046): every address that fails a log-in, known
/// or not, gets a row, so without this a password-spraying run would leave one row per address it tried, forever.
/// </summary>
internal sealed record ForgetQuietLockoutsCommand : ICommand<int>
{
    /// <summary>Rows deleted per statement (and per transaction): short locks, however many are due.</summary>
    public const int BatchSize = 10_000;

    /// <summary>Batches per run; the next run deletes the rest.</summary>
    public const int MaximumBatches = 20;
}
