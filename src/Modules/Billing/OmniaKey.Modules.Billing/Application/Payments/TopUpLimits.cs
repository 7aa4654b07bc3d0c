using Microsoft.Extensions.Configuration;
using OmniaKey.Domain.Money;

namespace OmniaKey.Modules.Billing.Application.Payments;

/// <summary>
/// The smallest and largest single top-up, from <c>Billing:TopUp:MinimumUsd</c> and <c>Billing:TopUp:MaximumUsd</c>
/// (defaults 5 and 10000). Card fees make tiny top-ups pointless; the cap limits the damage of a stolen card.
/// </summary>
internal sealed record TopUpLimits(Money Minimum, Money Maximum)
{
    public static TopUpLimits FromConfiguration(IConfiguration configuration)
    {
        var minimum = Read(configuration, "Billing:TopUp:MinimumUsd", "5");
        var maximum = Read(configuration, "Billing:TopUp:MaximumUsd", "10000");
        if (!minimum.IsPositive || maximum < minimum)
        {
            throw new InvalidOperationException($"Billing:TopUp limits are invalid: minimum {minimum}, maximum {maximum}.");
        }

        return new TopUpLimits(minimum, maximum);
    }

    private static Money Read(IConfiguration configuration, string key, string fallback)
    {
        var text = configuration[key];
        if (string.IsNullOrWhiteSpace(text))
        {
            return Money.Parse(fallback);
        }

        return Money.TryParse(text, out var money, out _) && money.NanoUsd % 10_000_000 == 0
            ? money
            : throw new InvalidOperationException($"{key} '{text}' is not a positive USD amount in whole cents.");
    }
}
