using OmniaKey.Application.Exceptions;
using OmniaKey.Infrastructure.RateLimiting;
using OmniaKey.Modules.Accounts.Application.Accounts.Throttling;

namespace OmniaKey.Modules.Accounts.Infrastructure.Throttling;

/// <summary>
/// The per-e-mail limits (fixed windows), in memory on this instance (docs/adr/0030); the log-in lock-out is shared
/// through the database (<see cref="LogInLockoutStore"/>, docs/adr/0046). The per-IP limits are ASP.NET Core
/// rate-limiting policies on the endpoints.
/// </summary>
internal sealed class AuthAttemptLimits(RateLimitSettings settings, TimeProvider clock) : IAuthAttemptLimits
{
    private readonly FixedWindowCounter signUps = new(settings.SignUpPerEmailPermitsPerHour, TimeSpan.FromHours(1), clock);
    private readonly FixedWindowCounter logIns = new(settings.LogInPerEmailPermitsPerMinute, TimeSpan.FromMinutes(1), clock);

    public void BeginSignUp(string email)
    {
        if (!signUps.TryAcquire(email, out var wait))
        {
            throw new TooManyRequestsException(TooManyRequestsException.RateLimitExceeded, TooManyRequests.Message(wait), wait);
        }
    }

    public void BeginLogIn(string email)
    {
        if (!logIns.TryAcquire(email, out var wait))
        {
            throw new TooManyRequestsException(TooManyRequestsException.RateLimitExceeded, TooManyRequests.Message(wait), wait);
        }
    }
}
