namespace OmniaKey.Modules.Accounts.Application.Accounts.Throttling;

/// <summary>
/// The per-e-mail abuse limits of sign-up and log-in, in memory on each instance (docs/abuse-limits.md); the log-in
/// lock-out is <see cref="ILogInLockouts"/>, shared through the database. Keyed by the
/// normalized e-mail address whether or not an account has it, so that a limit never tells which addresses exist.
/// Each check throws <c>TooManyRequestsException</c> (429 with <c>Retry-After</c>).
/// </summary>
internal interface IAuthAttemptLimits
{
    /// <summary>Counts a sign-up for the address; refused past <c>RateLimits:SignUp:PerEmailPermitsPerHour</c>.</summary>
    void BeginSignUp(string email);

    /// <summary>Counts the attempt against <c>RateLimits:LogIn:PerEmailPermitsPerMinute</c> (<c>rate_limit_exceeded</c>).</summary>
    void BeginLogIn(string email);
}
