using OmniaKey.Domain.Money;
using OmniaKey.Modules.Billing.Contracts;

namespace OmniaKey.Modules.Routing.Domain.Pricing;

/// <summary>What a call costs, and how much to hold before it runs.</summary>
internal static class CallPricing
{
    /// <summary>
    /// Prices a call: uncached input at the input price, cache reads and writes at their own prices, all output
    /// (reasoning included) at the output price; rounded once, up to the nano-dollar.
    /// </summary>
    public static Money Cost(ModelPrices prices, TokenUsage usage)
    {
        var uncachedInput = Math.Max(0, usage.InputTokens - usage.CacheReadTokens - usage.CacheWriteTokens);
        var exact = prices.Input.ExactCostOf(uncachedInput)
            + prices.CacheRead.ExactCostOf(usage.CacheReadTokens)
            + prices.CacheWrite.ExactCostOf(usage.CacheWriteTokens)
            + prices.Output.ExactCostOf(usage.OutputTokens);
        return CostRounding.ToMoney(exact);
    }

    /// <summary>
    /// The hold for a call before it runs: the input tokens as estimated per part (<see cref="InputParts"/>, ADR 0015)
    /// priced at the dearest of the input prices (a cache write can cost more than plain input), and output as the
    /// most the call may produce.
    /// </summary>
    public static Money EstimateHold(ModelPrices prices, long inputTokens, long maxOutputTokens)
    {
        var inputPrice = Dearest(Dearest(prices.Input, prices.CacheRead), prices.CacheWrite);
        return CostRounding.ToMoney(inputPrice.ExactCostOf(inputTokens) + prices.Output.ExactCostOf(maxOutputTokens));
    }

    private static TokenPrice Dearest(TokenPrice a, TokenPrice b) =>
        a.NanoUsdPerMillionTokens >= b.NanoUsdPerMillionTokens ? a : b;

    /// <summary>
    /// The most output tokens, up to <paramref name="maxOutputTokens"/>, whose hold (<see cref="EstimateHold"/>)
    /// <paramref name="budget"/> covers; 0 when it does not even cover the prompt. The hold grows with the output
    /// tokens, so a binary search over <see cref="EstimateHold"/> itself finds it — about 17 steps for 128k tokens,
    /// on the rare capped path only, and always consistent with however the hold is estimated.
    /// </summary>
    public static long AffordableOutputTokens(ModelPrices prices, long inputTokens, long maxOutputTokens, Money budget)
    {
        if (EstimateHold(prices, inputTokens, maxOutputTokens) <= budget)
        {
            return maxOutputTokens;
        }

        long low = 0, high = maxOutputTokens - 1;
        if (EstimateHold(prices, inputTokens, 0) > budget)
        {
            return 0;
        }

        while (low < high)
        {
            var middle = low + ((high - low + 1) / 2);
            if (EstimateHold(prices, inputTokens, middle) <= budget)
            {
                low = middle;
            }
            else
            {
                high = middle - 1;
            }
        }

        return low;
    }
}
