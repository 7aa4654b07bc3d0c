using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace OmniaKey.Modules.Billing.Infrastructure.Leases;

/// <summary>
/// Balance leases (docs/adr/0048-balance-leases.md), configured under <c>Billing:Leases</c>:
/// <list type="bullet">
/// <item><c>Enabled</c> (default true): whether plain keys' calls hold from a lease at all. Only providers whose group
/// commit settles from leases use them (PostgreSQL today); elsewhere every call takes its own hold.</item>
/// <item><c>InitialCalls</c> (default 16) and <c>MaxCalls</c> (default 4096): a lease is sized in calls of the hold
/// that asked for it; it starts at the first and doubles, up to the second, each time one runs out within
/// <c>IdleSeconds</c> of being taken.</item>
/// <item><c>MaxSharePercent</c> (default 25): no lease takes more than this share of the available balance, and none
/// is taken for fewer than <c>InitialCalls</c> holds.</item>
/// <item><c>IdleSeconds</c> (default 1): a lease that placed no hold for this long gives back what it has not lent.</item>
/// <item><c>MaxAgeSeconds</c> (default 60): a lease lends for at most this long, then a fresh one is taken.</item>
/// </list>
/// </summary>
internal sealed record LeaseSettings(bool Enabled, int InitialCalls, int MaxCalls, int MaxSharePercent, TimeSpan IdleAfter, TimeSpan MaxAge)
{
    public static LeaseSettings Default { get; } = new(true, 16, 4096, 25, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60));

    /// <summary>The fewest holds a lease is taken for: its first size.</summary>
    public int MinimumCalls => InitialCalls;

    public static LeaseSettings FromConfiguration(IConfiguration configuration)
    {
        var section = configuration.GetSection("Billing:Leases");
        var enabledText = section["Enabled"];
        var enabled = string.IsNullOrWhiteSpace(enabledText) || (bool.TryParse(enabledText, out var on)
            ? on
            : throw new InvalidOperationException($"Billing:Leases:Enabled '{enabledText}' is not true or false."));
        var initial = Number(section, "InitialCalls", Default.InitialCalls, 1, 1_000_000);
        var max = Number(section, "MaxCalls", Default.MaxCalls, initial, 1_000_000);
        return new LeaseSettings(
            enabled,
            initial,
            max,
            Number(section, "MaxSharePercent", Default.MaxSharePercent, 1, 100),
            TimeSpan.FromSeconds(Number(section, "IdleSeconds", (int)Default.IdleAfter.TotalSeconds, 1, 3600)),
            TimeSpan.FromSeconds(Number(section, "MaxAgeSeconds", (int)Default.MaxAge.TotalSeconds, 1, 3600)));
    }

    private static int Number(IConfigurationSection section, string name, int fallback, int min, int max)
    {
        var text = section[name];
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw new InvalidOperationException($"Billing:Leases:{name} '{text}' is not a number from {min} to {max}.");
    }
}
