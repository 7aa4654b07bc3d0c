using OmniaKey.Domain.Money;

namespace OmniaKey.Modules.Billing.Domain.Refunds;

/// <summary>
/// The refund arithmetic of the Terms' refund policy, in whole cents because Stripe refunds cents:
/// <list type="bullet">
/// <item>Only paid top-ups are refundable, each at most once: promotional credit and operator adjustments are not.
/// Refundable = min(available rounded down to the cent, paid top-ups not yet refunded or claimed by an open refund).
/// Taking the minimum means money that was never paid is treated as spent first — a customer who topped up 25 and
/// received 10 of promotional credit and spent 8 gets 25 back, and the promotional 2 stays.</item>
/// <item>"Everything" is that amount; the sub-cent remainder of the balance stays in it.</item>
/// <item>A refund is paid back against the original charges, newest first, split across as many as it needs.</item>
/// </list>
/// </summary>
internal static class RefundPolicy
{
    private const long NanoUsdPerCent = 10_000_000;

    public static bool IsWholeCents(Money amount) => amount.NanoUsd % NanoUsdPerCent == 0;

    /// <summary>Paid money that neither a refund nor a dispute has taken back, and no open refund claims.</summary>
    public static long UnclaimedPaidCents(RefundFunds funds) =>
        Math.Max(0, funds.Sources.Sum(s => s.RefundableCents) - funds.OpenRefundsOutstandingCents);

    /// <summary>What the account can ask to have refunded now: never more than available, never promotional credit.</summary>
    public static Money Refundable(RefundFunds funds) =>
        Money.FromCents(Math.Max(0, Math.Min(funds.Available.WholeCentsRoundedDown, UnclaimedPaidCents(funds))));

    /// <summary>
    /// Splits <paramref name="cents"/> across the sources' charges, newest payment first, each taking what it can
    /// still give back. <see cref="RefundSplit.UncoveredCents"/> is what no charge can take.
    /// </summary>
    public static RefundSplit Split(long cents, IEnumerable<RefundSource> sources)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(cents);
        var allocations = new List<RefundAllocation>();
        var remaining = cents;
        foreach (var source in NewestFirst(sources))
        {
            if (remaining == 0)
            {
                break;
            }

            var take = Math.Min(remaining, source.RefundableCents);
            if (take > 0)
            {
                allocations.Add(new RefundAllocation(source, take));
                remaining -= take;
            }
        }

        return new RefundSplit(allocations, remaining);
    }

    public static IEnumerable<RefundSource> NewestFirst(IEnumerable<RefundSource> sources) =>
        sources.OrderByDescending(s => s.PaidAt).ThenByDescending(s => s.TopUpId);
}

/// <summary><see cref="Cents"/> of a refund to take back from <see cref="Source"/>'s charge.</summary>
internal sealed record RefundAllocation(RefundSource Source, long Cents);

internal sealed record RefundSplit(IReadOnlyList<RefundAllocation> Allocations, long UncoveredCents);
