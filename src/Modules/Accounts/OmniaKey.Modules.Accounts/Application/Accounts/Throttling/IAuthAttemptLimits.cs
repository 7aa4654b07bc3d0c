namespace OmniaKey.Modules.Accounts.Application.Accounts.Throttling;

/// <summary>
/// The per-e-mail abuse limits of sign-up and log-in, and the log-in lock-out (docs/abuse-limits.md). Keyed by the
/// normalized e-mail address whether or not an account has it, so that a limit never tells which addresses exist.
/// Each check throws <c>TooManyRequestsException</c> (429 with <c>Retry-After</c>).
/// </summary>
internal interface IAuthAttemptLimits
{
    /// <summary>Counts a sign-up for the address; refused past <c>RateLimits:SignUp:PerEmailPermitsPerHour</c>.</summary>
    void BeginSignUp(string email);

    /// <summary>
    /// Refuses a locked address (<c>login_locked</c>), then counts the attempt against
    /// <c>RateLimits:LogIn:PerEmailPermitsPerMinute</c> (<c>rate_limit_exceeded</c>).
    /// </summary>
    void BeginLogIn(string email);

    /// <summary>A wrong password or an unknown address: one more consecutive failure, maybe a lock-out.</summary>
    void LogInFailed(string email);

    /// <summary>Forgets the failures and the lock-out history of the address.</summary>
    void LogInSucceeded(string email);
}
