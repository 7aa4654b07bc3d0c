using Microsoft.Extensions.DependencyInjection;
using OmniaKey.Application.Exceptions;
using OmniaKey.Application.Messaging;
using OmniaKey.Domain.Money;
using OmniaKey.Modules.Billing.Application.Usage.DailySpend;
using OmniaKey.Modules.Billing.Domain.Usage;
using Xunit;

namespace OmniaKey.IntegrationTests.Billing;

/// <summary>
/// The console's spend chart: one aggregate over an account's usage records per UTC day, on each real database.
/// Sums are exact in nano-USD, days are cut at UTC midnight, and another account's usage is never counted.
/// </summary>
public abstract class DailySpendTests<TFixture>(TFixture fixture) : BillingTestBase<TFixture>(fixture)
    where TFixture : BillingFixture
{
    private static readonly DateOnly FirstDay = new(2026, 6, 1);

    [Fact]
    public async Task Each_utc_day_sums_what_was_charged_exactly_and_days_without_usage_are_zero()
    {
        var midnight = new DateTimeOffset(2026, 6, 2, 0, 0, 0, TimeSpan.Zero);
        await AddAsync(
            Record(AccountId, FirstDay.ToDateTime(TimeOnly.MinValue), "0.000000001"),           // the first instant of day 1
            Record(AccountId, midnight.AddTicks(-1), "0.123456789"),                            // the last tick of day 1
            Record(AccountId, midnight, "0.000000007"),                                         // the first instant of day 2
            Record(AccountId, midnight.AddHours(23).AddMinutes(59), "1.5"),
            Record(AccountId, new DateTimeOffset(2026, 6, 4, 12, 0, 0, TimeSpan.FromHours(8)), "0.25"), // 04:00 UTC on day 4
            Record(AccountId, new DateTimeOffset(2026, 6, 5, 1, 0, 0, TimeSpan.FromHours(2)), "0.5"),   // 23:00 UTC on day 4
            Record(AccountId, new DateTimeOffset(2026, 5, 31, 23, 59, 59, TimeSpan.Zero), "9"),         // before the range
            Record(AccountId, new DateTimeOffset(2026, 6, 6, 0, 0, 0, TimeSpan.Zero), "9"));            // after the range

        var days = await QueryAsync(new GetDailySpendQuery(AccountId, FirstDay, 5));

        Assert.Equal(
            [
                (new DateOnly(2026, 6, 1), 123_456_790L, 2L),
                (new DateOnly(2026, 6, 2), 1_500_000_007L, 2L),
                (new DateOnly(2026, 6, 3), 0L, 0L),
                (new DateOnly(2026, 6, 4), 750_000_000L, 2L),
                (new DateOnly(2026, 6, 5), 0L, 0L),
            ],
            days.Select(d => (d.Day, d.ChargedNanoUsd, d.Calls)));
    }

    [Fact]
    public async Task Another_accounts_usage_is_never_counted()
    {
        var (otherAccount, _) = await SignUpAsync();
        var noon = new DateTimeOffset(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);
        await AddAsync(Record(AccountId, noon, "0.01"), Record(otherAccount, noon, "7"), Record(otherAccount, noon.AddDays(1), "7"));

        var mine = await QueryAsync(new GetDailySpendQuery(AccountId, FirstDay, 2));
        var theirs = await QueryAsync(new GetDailySpendQuery(otherAccount, FirstDay, 2));

        Assert.Equal([10_000_000L, 0L], mine.Select(d => d.ChargedNanoUsd));
        Assert.Equal([7_000_000_000L, 7_000_000_000L], theirs.Select(d => d.ChargedNanoUsd));
    }

    [Fact]
    public async Task Thirty_days_with_large_sums_come_back_in_order_from_one_query()
    {
        // Sums beyond 32 bits: the aggregate must stay a 64-bit integer on every provider.
        var records = Enumerable.Range(0, 30)
            .SelectMany(day => new[] { 0, 1 }.Select(n => Record(AccountId, FirstDay.AddDays(day).ToDateTime(new TimeOnly(6 + n, 0)), "3.000000001")))
            .ToArray();
        await AddAsync(records);

        var days = await QueryAsync(new GetDailySpendQuery(AccountId, FirstDay, 30));

        Assert.Equal(Enumerable.Range(0, 30).Select(FirstDay.AddDays), days.Select(d => d.Day));
        Assert.All(days, d => Assert.Equal((6_000_000_002L, 2L), (d.ChargedNanoUsd, d.Calls)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(GetDailySpendQuery.MaximumDays + 1)]
    public async Task A_range_of_no_days_or_more_than_a_year_is_refused(int days)
    {
        var error = await Assert.ThrowsAsync<RequestValidationException>(() => QueryAsync(new GetDailySpendQuery(AccountId, FirstDay, days)));

        Assert.Equal("days", Assert.Single(error.Errors).Field);
    }

    private async Task<IReadOnlyList<DailySpendDto>> QueryAsync(GetDailySpendQuery query)
    {
        await using var scope = Fixture.App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IDispatcher>().Query(query, CancellationToken.None);
    }

    private static UsageRecord Record(Guid accountId, DateTimeOffset at, string chargedUsd) => new()
    {
        Id = "req_" + Guid.NewGuid().ToString("N"),
        AccountId = accountId,
        KeyId = Guid.NewGuid(),
        Model = "gpt-4o",
        Provider = "openai",
        InputTokens = 10,
        OutputTokens = 5,
        Cost = Money.Parse(chargedUsd) + Money.Parse("1"), // cost is not what the chart counts: what was charged is
        Charged = Money.Parse(chargedUsd),
        Status = "succeeded",
        UsageSource = "reported",
        CreatedAt = at.ToUniversalTime(), // the app stores UTC instants (PostgreSQL accepts no other offset)
    };

    private static UsageRecord Record(Guid accountId, DateTime utc, string chargedUsd) =>
        Record(accountId, new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)), chargedUsd);

    private Task<int> AddAsync(params UsageRecord[] records) =>
        WithBillingDbAsync(db =>
        {
            db.UsageRecords.AddRange(records);
            return db.SaveChangesAsync();
        });
}

public sealed class SqliteDailySpendTests(SqliteBillingFixture fixture)
    : DailySpendTests<SqliteBillingFixture>(fixture), IClassFixture<SqliteBillingFixture>;

public sealed class PostgresDailySpendTests(PostgresBillingFixture fixture)
    : DailySpendTests<PostgresBillingFixture>(fixture), IClassFixture<PostgresBillingFixture>;
