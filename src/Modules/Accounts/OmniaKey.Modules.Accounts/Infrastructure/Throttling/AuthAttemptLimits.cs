using OmniaKey.Application.Exceptions;
using OmniaKey.Infrastructure.RateLimiting;
using OmniaKey.Modules.Accounts.Application.Accounts.Throttling;

namespace OmniaKey.Modules.Accounts.Infrastructure.Throttling;

/// <summary>
/// The per-e-mail limits (fixed windows) and the log-in lock-out, in memory on this instance (docs/adr/0030). The
/// per-IP limits are ASP.NET Core rate-limiting policies on the endpoints.
/// </summary>
internal sealed class AuthAttemptLimits(RateLimitSettings settings, TimeProvider clock) : IAuthAttemptLimits
{
    private readonly FixedWindowCounter signUps = new(settings.SignUpPerEmailPermitsPerHour, TimeSpan.FromHours(1), clock);
    private readonly FixedWindowCounter logIns = new(settings.LogInPerEmailPermitsPerMinute, TimeSpan.FromMinutes(1), clock);
    private readonly LogInLockouts lockouts = new(settings, clock);

    public void BeginSignUp(string email)
    {
        if (!signUps.TryAcquire(email, out var wait))
        {
            throw new TooManyRequestsException(TooManyRequestsException.RateLimitExceeded, TooManyRequests.Message(wait), wait);
        }
    }

    public void BeginLogIn(string email)
    {
        if (lockouts.LockedFor(email) is { } locked)
        {
            throw new TooManyRequestsException(
                "login_locked",
                $"Too many failed log-ins for this e-mail address; it is locked. Try again in {TooManyRequests.RetryAfterSeconds(locked)} seconds.",
                locked);
        }

        if (!logIns.TryAcquire(email, out var wait))
        {
            throw new TooManyRequestsException(TooManyRequestsException.RateLimitExceeded, TooManyRequests.Message(wait), wait);
        }
    }

    public void LogInFailed(string email) => lockouts.Failed(email);

    public void LogInSucceeded(string email) => lockouts.Succeeded(email);
}
