using OmniaKey.Modules.Billing.Application.Usage;
using OmniaKey.Modules.Billing.Application.Usage.ListUsage;
using Xunit;

namespace OmniaKey.UnitTests.Billing;

public sealed class UsageFilterTextTests
{
    [Theory]
    [InlineData("2026-05-30", "2026-05-30T00:00:00Z")]
    [InlineData("2026-05-30T12:34Z", "2026-05-30T12:34:00Z")]
    [InlineData("2026-05-30T12:34:56", "2026-05-30T12:34:56Z")]
    [InlineData("2026-05-30T12:34:56.789Z", "2026-05-30T12:34:56.789Z")]
    [InlineData("2026-05-30T14:34:56+02:00", "2026-05-30T12:34:56Z")]
    [InlineData("2026-05-30T14:34:56 02:00", "2026-05-30T12:34:56Z")] // '+' decoded to a space in a query string
    public void Iso_8601_dates_and_times_parse_to_utc(string text, string expected)
    {
        Assert.True(UsageFilterText.TryParseTime(text, out var time));

        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), time);
        Assert.Equal(TimeSpan.Zero, time!.Value.Offset);
    }

    [Theory]
    [InlineData("yesterday")]
    [InlineData("05/30/2026")]
    [InlineData("2026-13-01")]
    [InlineData("1717000000")]
    [InlineData("")]
    public void Other_times_are_refused(string text) => Assert.False(UsageFilterText.TryParseTime(text, out _));

    [Fact]
    public void A_validated_query_parses_into_its_filter()
    {
        var key = Guid.NewGuid();
        var query = new ListUsageQuery(Guid.NewGuid(), null, null, key.ToString(), "gpt-4o", "2026-06-01", "2026-06-02T00:00:00Z");

        var filter = UsageFilterText.Parse(query);

        Assert.Equal(key, filter.KeyId);
        Assert.Equal("gpt-4o", filter.Model);
        Assert.Equal(new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero), filter.From);
        Assert.Equal(new DateTimeOffset(2026, 6, 2, 0, 0, 0, TimeSpan.Zero), filter.To);
        Assert.Equal(new Modules.Billing.Domain.Usage.UsageFilter(null, null, null, null), UsageFilterText.Parse(new ListUsageQuery(Guid.NewGuid(), null, null, null, null, null, null)));
    }

    [Fact]
    public void The_validator_names_every_bad_field_and_the_range_order()
    {
        var validator = new ListUsageQueryValidator();

        var result = validator.Validate(new ListUsageQuery(Guid.NewGuid(), 0, "bad", "nope", " ", "soon", "later"));
        var reversed = validator.Validate(new ListUsageQuery(Guid.NewGuid(), null, null, null, null, "2026-06-02", "2026-06-01"));

        Assert.Equal(["Cursor", "From", "KeyId", "Limit", "Model", "To"], result.Errors.Select(e => e.PropertyName).Distinct().Order());
        Assert.Equal("To", Assert.Single(reversed.Errors).PropertyName);
        Assert.True(validator.Validate(new ListUsageQuery(Guid.NewGuid(), 200, null, Guid.NewGuid().ToString(), "gpt-4o", "2026-06-01", "2026-06-02")).IsValid);
    }
}
