namespace OmniaKey.Modules.Keys.Domain.ApiKeys;

/// <summary>The periods a key budget resets after (UTC): never, each day, each month.</summary>
internal static class KeySpendPeriods
{
    public const string Total = "total";
    public const string Day = "day";
    public const string Month = "month";

    public static readonly string[] All = [Total, Day, Month];
}
