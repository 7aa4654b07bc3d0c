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
        var problems = new List<string>();
        var settings = Read(configuration, problems);
        return problems.Count == 0 ? settings : throw new InvalidOperationException(string.Join(Environment.NewLine, problems));
    }

    /// <summary>Every bad <c>RateLimits:*</c> value, one message each (start-up lists them all at once).</summary>
    public static IReadOnlyList<string> Problems(IConfiguration configuration)
    {
        var problems = new List<string>();
        Read(configuration, problems);
        return problems;
    }

    private static RateLimitSettings Read(IConfiguration configuration, List<string> problems)
    {
        var defaults = new RateLimitSettings();
        return new RateLimitSettings
        {
            SignUpPermitsPerHour = Positive(configuration, "RateLimits:SignUp:PermitsPerHour", defaults.SignUpPermitsPerHour, problems),
            SignUpPerEmailPermitsPerHour = Positive(configuration, "RateLimits:SignUp:PerEmailPermitsPerHour", defaults.SignUpPerEmailPermitsPerHour, problems),
            LogInPermitsPerMinute = Positive(configuration, "RateLimits:LogIn:PermitsPerMinute", defaults.LogInPermitsPerMinute, problems),
            LogInPerEmailPermitsPerMinute = Positive(configuration, "RateLimits:LogIn:PerEmailPermitsPerMinute", defaults.LogInPerEmailPermitsPerMinute, problems),
            LogInLockoutThreshold = Positive(configuration, "RateLimits:LogIn:LockoutThreshold", defaults.LogInLockoutThreshold, problems),
            LogInLockoutWindows = Minutes(configuration, "RateLimits:LogIn:LockoutMinutes", defaults.LogInLockoutWindows, problems),
            AccountEmailPermitsPerHour = Positive(configuration, "RateLimits:AccountEmail:PermitsPerHour", defaults.AccountEmailPermitsPerHour, problems),
            ApiKeyFailuresPerMinute = Positive(configuration, "RateLimits:ApiKeys:FailuresPerMinute", defaults.ApiKeyFailuresPerMinute, problems),
            AdminFailuresPerMinute = Positive(configuration, "RateLimits:Admin:FailuresPerMinute", defaults.AdminFailuresPerMinute, problems),
            WebhooksPermitsPerMinute = Positive(configuration, "RateLimits:Webhooks:PermitsPerMinute", defaults.WebhooksPermitsPerMinute, problems),
        };
    }

    private static int Positive(IConfiguration configuration, string key, int fallback, List<string> problems)
    {
        var text = configuration[key];
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0)
        {
            return value;
        }

        problems.Add($"{key} must be a positive whole number, not '{text}'.");
        return fallback;
    }

    /// <summary>A comma-separated list of positive whole minutes, e.g. <c>1,5,15</c>.</summary>
    private static TimeSpan[] Minutes(IConfiguration configuration, string key, IReadOnlyList<TimeSpan> fallback, List<string> problems)
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
            if (!int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out var minutes) || minutes <= 0)
            {
                problems.Add($"{key} must list positive whole minutes separated by commas (e.g. 1,5,15), not '{text}'.");
                return [.. fallback];
            }

            windows[i] = TimeSpan.FromMinutes(minutes);
        }

        if (windows.Length == 0)
        {
            problems.Add($"{key} must list at least one window.");
            return [.. fallback];
        }

        return windows;
    }
}
