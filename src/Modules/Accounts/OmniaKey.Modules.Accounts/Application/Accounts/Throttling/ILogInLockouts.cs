namespace OmniaKey.Modules.Accounts.Application.Accounts.Throttling;

/// <summary>
/// The log-in lock-out, shared by every instance through the database (docs/adr/0046). Keyed by the normalized
/// e-mail address whether or not an account has it, so that a lock-out never tells which addresses exist.
/// </summary>
internal interface ILogInLockouts
{
    /// <summary>Refuses a locked address: <c>TooManyRequestsException</c> <c>login_locked</c> with the wait.</summary>
    Task ThrowIfLockedAsync(string email, CancellationToken cancellationToken);

    /// <summary>
    /// One more consecutive failure, maybe a lock-out. Runs in a command of its own, after the failed log-in's
    /// transaction rolled back (<c>LogInDispatcherExtensions</c>).
    /// </summary>
    Task RecordFailureAsync(string email, CancellationToken cancellationToken);

    /// <summary>Forgets the failures and the lock-out history of the address (in the log-in's transaction).</summary>
    Task ResetAsync(string email, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes at most <paramref name="limit"/> rows that can no longer matter at <paramref name="now"/>: no lock in
    /// force, and no failure for the quiet period, after which the next failure starts from scratch anyway. Returns
    /// how many it deleted.
    /// </summary>
    Task<int> ForgetQuietAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken);
}
