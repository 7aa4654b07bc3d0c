using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace OmniaKey.Infrastructure.RateLimiting;

/// <summary>
/// The abuse limits, from <c>RateLimits:*</c> (docs/abuse-limits.md). Every value must be a positive integer; a bad
/// one stops start-up naming the key.
/// </summary>
public sealed record RateLimitSettings
{
    public int SignUpPermitsPerHour { get; init; } = 20;

    public int SignUpPerEmailPermitsPerHour { get; init; } = 5;

    public int LogInPermitsPerMinute { get; init; } = 30;

    public int LogInPerEmailPermitsPerMinute { get; init; } = 10;

    /// <summary>Consecutive failed log-ins of one e-mail address before it is locked.</summary>
    public int LogInLockoutThreshold { get; init; } = 10;

    /// <summary>The lock-out windows, growing with each lock-out in a row; the last repeats.</summary>
    public IReadOnlyList<TimeSpan> LogInLockoutWindows { get; init; } =
        [TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(15)];

    public int AccountEmailPermitsPerHour { get; init; } = 10;

    public int ApiKeyFailuresPerMinute { get; init; } = 60;

    public int AdminFailuresPerMinute { get; init; } = 10;

    public int WebhooksPermitsPerMinute { get; init; } = 600;

    public static RateLimitSettings FromConfiguration(IConfiguration configuration)
    {
        var defaults = new RateLimitSettings();
        return new RateLimitSettings
        {
            SignUpPermitsPerHour = Positive(configuration, "RateLimits:SignUp:PermitsPerHour", defaults.SignUpPermitsPerHour),
            SignUpPerEmailPermitsPerHour = Positive(configuration, "RateLimits:SignUp:PerEmailPermitsPerHour", defaults.SignUpPerEmailPermitsPerHour),
            LogInPermitsPerMinute = Positive(configuration, "RateLimits:LogIn:PermitsPerMinute", defaults.LogInPermitsPerMinute),
            LogInPerEmailPermitsPerMinute = Positive(configuration, "RateLimits:LogIn:PerEmailPermitsPerMinute", defaults.LogInPerEmailPermitsPerMinute),
            LogInLockoutThreshold = Positive(configuration, "RateLimits:LogIn:LockoutThreshold", defaults.LogInLockoutThreshold),
            LogInLockoutWindows = Minutes(configuration, "RateLimits:LogIn:LockoutMinutes", defaults.LogInLockoutWindows),
            AccountEmailPermitsPerHour = Positive(configuration, "RateLimits:AccountEmail:PermitsPerHour", defaults.AccountEmailPermitsPerHour),
            ApiKeyFailuresPerMinute = Positive(configuration, "RateLimits:ApiKeys:FailuresPerMinute", defaults.ApiKeyFailuresPerMinute),
            AdminFailuresPerMinute = Positive(configuration, "RateLimits:Admin:FailuresPerMinute", defaults.AdminFailuresPerMinute),
            WebhooksPermitsPerMinute = Positive(configuration, "RateLimits:Webhooks:PermitsPerMinute", defaults.WebhooksPermitsPerMinute),
        };
    }

    private static int Positive(IConfiguration configuration, string key, int fallback)
    {
        var text = configuration[key];
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : throw new InvalidOperationException($"{key} must be a positive whole number, not '{text}'.");
    }

    /// <summary>A comma-separated list of positive whole minutes, e.g. <c>1,5,15</c>.</summary>
    private static TimeSpan[] Minutes(IConfiguration configuration, string key, IReadOnlyList<TimeSpan> fallback)
    {
        var text = configuration[key];
        if (string.IsNullOrWhiteSpace(text))
        {
            return [.. fallback];
        }

        var parts = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var windows = new TimeSpan[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            windows[i] = int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out var minutes) && minutes > 0
                ? TimeSpan.FromMinutes(minutes)
                : throw new InvalidOperationException($"{key} must list positive whole minutes separated by commas (e.g. 1,5,15), not '{text}'.");
        }

        return windows.Length > 0 ? windows : throw new InvalidOperationException($"{key} must list at least one window.");
    }
}
