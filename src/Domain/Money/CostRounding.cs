namespace OmniaKey.Domain.Money;

/// <summary>
/// The one rounding rule of OmniaKey (docs/adr/0003-money-as-integer-nano-usd.md): a call's exact cost,
/// summed over all its token kinds in units of 1e-15 USD, is divided by one million once and rounded
/// <b>up</b> to the next whole nano-USD. Rounding happens once per call, never per token kind or per chunk,
/// so the error is below one nano-dollar per call.
/// </summary>
public static class CostRounding
{
    private const long TokensPerMillion = 1_000_000;

    public static Money ToMoney(Int128 exactCostInFemtoUsd)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(exactCostInFemtoUsd);
        var whole = exactCostInFemtoUsd / TokensPerMillion;
        if (exactCostInFemtoUsd % TokensPerMillion != 0)
        {
            whole++;
        }

        return Money.FromNanoUsd(checked((long)whole));
    }
}
