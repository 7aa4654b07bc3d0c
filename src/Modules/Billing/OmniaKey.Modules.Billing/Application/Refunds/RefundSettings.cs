using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace OmniaKey.Modules.Billing.Application.Refunds;

/// <summary>
/// <c>Billing:Refunds:AutoApprove</c> (default false: an operator approves each refund) and
/// <c>Billing:Refunds:MaxAttempts</c> (default 8): how often processing may start before a refund that keeps
/// meeting transient failures fails for good and its hold returns to the balance.
/// </summary>
internal sealed record RefundSettings(bool AutoApprove, int MaxAttempts)
{
    /// <summary>How long a claimed refund belongs to its worker; after that the sweep takes it over.</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(15);

    private static readonly TimeSpan FirstRetryDelay = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan LongestRetryDelay = TimeSpan.FromHours(1);

    public static RefundSettings FromConfiguration(IConfiguration configuration) =>
        new(ReadAutoApprove(configuration["Billing:Refunds:AutoApprove"]), ReadMaxAttempts(configuration["Billing:Refunds:MaxAttempts"]));

    /// <summary>Exponential back-off after the <paramref name="attempts"/>-th attempt: 1, 2, 4 … minutes, at most an hour.</summary>
    public static TimeSpan RetryDelay(int attempts) =>
        TimeSpan.FromTicks(Math.Min(LongestRetryDelay.Ticks, FirstRetryDelay.Ticks << Math.Clamp(attempts - 1, 0, 20)));

    private static bool ReadAutoApprove(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        return bool.TryParse(text, out var value)
            ? value
            : throw new InvalidOperationException($"Billing:Refunds:AutoApprove '{text}' is not true or false.");
    }

    private static int ReadMaxAttempts(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return 8;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : throw new InvalidOperationException($"Billing:Refunds:MaxAttempts '{text}' is not a positive whole number.");
    }
}
