using System.Text.Json;
using OmniaKey.Domain.Money;
using OmniaKey.Modules.Billing.Contracts;
using OmniaKey.Modules.Keys.Endpoints;
using Xunit;

namespace OmniaKey.UnitTests.Keys;

/// <summary><c>spend_limit_usd</c> is read from the JSON text itself into exact nano-USD (docs/adr/0003).</summary>
public sealed class SpendLimitAmountTests
{
    [Theory]
    [InlineData("\"12.5\"", 12_500_000_000L)]
    [InlineData("12.5", 12_500_000_000L)]
    [InlineData("0.000000001", 1L)]
    [InlineData("\"0.000000001\"", 1L)]
    [InlineData("1.123456789", 1_123_456_789L)]
    [InlineData("100", 100_000_000_000L)]
    [InlineData("0.1", 100_000_000L)]
    public void A_decimal_string_or_number_becomes_exact_nano_usd(string json, long expected)
    {
        Assert.True(SpendLimitAmount.TryRead(Parse(json), out var nanoUsd, out var error), error);
        Assert.Equal(expected, nanoUsd);
    }

    [Fact]
    public void Null_clears_the_budget()
    {
        Assert.True(SpendLimitAmount.TryRead(Parse("null"), out var nanoUsd, out _));
        Assert.Null(nanoUsd);
    }

    [Theory]
    [InlineData("1.0000000001", "9 decimal places")]
    [InlineData("\"1.0000000001\"", "9 decimal places")]
    [InlineData("1e3", "decimal")]
    [InlineData("\"12,5\"", "decimal")]
    [InlineData("\" 5\"", "decimal")]
    [InlineData("true", "decimal")]
    [InlineData("[5]", "decimal")]
    [InlineData("\"\"", "decimal")]
    public void Anything_else_is_refused_with_the_reason(string json, string reason)
    {
        Assert.False(SpendLimitAmount.TryRead(Parse(json), out var nanoUsd, out var error));
        Assert.Null(nanoUsd);
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(KeyBudgetPeriod.Total, "2026-12-07T23:59:59.9999999Z", "1970-01-01T00:00:00Z")]
    [InlineData(KeyBudgetPeriod.Day, "2026-12-07T23:59:59.9999999Z", "2026-12-07T00:00:00Z")]
    [InlineData(KeyBudgetPeriod.Day, "2026-12-08T01:30:00+05:00", "2026-12-07T00:00:00Z")]
    [InlineData(KeyBudgetPeriod.Month, "2026-12-31T23:59:59Z", "2026-12-01T00:00:00Z")]
    [InlineData(KeyBudgetPeriod.Month, "2027-01-01T00:00:00Z", "2027-01-01T00:00:00Z")]
    public void A_budget_period_starts_at_the_utc_day_or_month_of_the_hold(KeyBudgetPeriod period, string at, string start)
    {
        var budget = new KeyBudget(Money.Parse("1"), period);
        Assert.Equal(DateTimeOffset.Parse(start, System.Globalization.CultureInfo.InvariantCulture),
            budget.PeriodStart(DateTimeOffset.Parse(at, System.Globalization.CultureInfo.InvariantCulture)));
    }

    private static JsonElement Parse(string json) => JsonDocument.Parse(json).RootElement.Clone();
}
