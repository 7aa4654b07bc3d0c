using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using OmniaKey.Domain.Money;
using OmniaKey.IntegrationTests.Infrastructure;
using OmniaKey.Modules.Billing.Contracts;
using OmniaKey.Modules.Billing.Infrastructure.GroupCommit;
using Xunit;

namespace OmniaKey.IntegrationTests.Billing;

/// <summary>
/// A key's rate limits counted in the database with its holds (docs/adr/0041-exact-key-limits-through-the-group-commit.md),
/// through the app's own <see cref="IBalanceReservations"/> on a real database and a fake clock: the key's reservations
/// of the last minute are its requests and tokens, its held ones its calls in flight; a refused call holds nothing.
/// </summary>
public abstract class KeyRateCountTests<TFixture>(TFixture fixture) : BillingTestBase<TFixture>(fixture)
    where TFixture : BillingFixture
{
    private readonly Guid key = Guid.CreateVersion7();

    private FakeTimeProvider Clock => (FakeTimeProvider)Fixture.AppClock;

    [Fact]
    public async Task Thirty_parallel_holds_of_a_key_with_an_rpm_limit_of_ten_get_exactly_ten_until_the_minute_has_passed()
    {
        await Admin.CreditAsync(AccountId, "10");
        var rate = new KeyRateLimit(10, null, null, 100);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 30).Select(_ => Task.Run(() => TryReserveAsync(NewId(), rate))));

        Assert.Equal(10, outcomes.Count(o => o.Held is not null));
        var refusals = outcomes.Select(o => o.Refusal).OfType<KeyRateLimitedException>().ToList();
        Assert.Equal(20, refusals.Count);
        Assert.All(refusals, r => Assert.Equal(("requests", 60), (r.Type, r.RetryAfterSeconds)));
        Assert.Equal(("9", "1"), await Customer.GetBalanceAsync());

        Clock.Advance(TimeSpan.FromSeconds(59));
        Assert.Equal(1, (await TryReserveAsync(NewId(), rate)).Refusal!.RetryAfterSeconds);
        Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.NotNull((await TryReserveAsync(NewId(), rate)).Held);
    }

    [Fact]
    public async Task A_concurrency_limit_counts_the_held_calls_and_a_settlement_frees_a_slot()
    {
        await Admin.CreditAsync(AccountId, "10");
        var rate = new KeyRateLimit(null, null, 3, 100);
        var ids = Enumerable.Range(0, 8).Select(_ => NewId()).ToList();

        var outcomes = await Task.WhenAll(ids.Select(id => Task.Run(() => TryReserveAsync(id, rate))));

        var held = ids.Zip(outcomes).Where(o => o.Second.Held is not null).Select(o => o.First).ToList();
        Assert.Equal(3, held.Count);
        Assert.All(outcomes.Where(o => o.Held is null), o => Assert.Equal(("requests", 1), (o.Refusal!.Type, o.Refusal.RetryAfterSeconds)));
        Assert.Contains("concurrent", (await TryReserveAsync(NewId(), rate)).Refusal!.Message, StringComparison.Ordinal);

        await SettleAsync(held[0], 10, 5);
        Assert.NotNull((await TryReserveAsync(NewId(), rate)).Held);
        Assert.NotNull((await TryReserveAsync(NewId(), rate)).Refusal);
    }

    [Fact]
    public async Task A_tpm_limit_counts_each_hold_s_estimate_then_the_tokens_billed()
    {
        await Admin.CreditAsync(AccountId, "10");
        var rate = new KeyRateLimit(null, 1000, null, 300);
        var ids = Enumerable.Range(0, 6).Select(_ => NewId()).ToList();

        var outcomes = await Task.WhenAll(ids.Select(id => Task.Run(() => TryReserveAsync(id, rate))));

        var held = ids.Zip(outcomes).Where(o => o.Second.Held is not null).Select(o => o.First).ToList();
        Assert.Equal(3, held.Count); // 3 × 300 fits in 1000, a fourth would not
        Assert.All(outcomes.Where(o => o.Held is null), o => Assert.Equal("tokens", o.Refusal!.Type));

        // Billed 50 tokens each: 150 counted, so 850 left, room for two more estimates of 300.
        await Task.WhenAll(held.Select(id => SettleAsync(id, 40, 10)));
        Assert.NotNull((await TryReserveAsync(NewId(), rate)).Held);
        Assert.NotNull((await TryReserveAsync(NewId(), rate)).Held);
        var refused = (await TryReserveAsync(NewId(), rate)).Refusal!;
        Assert.Equal("tokens", refused.Type);
        Assert.Contains("TPM", refused.Message, StringComparison.Ordinal);
        Assert.Contains("too large", (await TryReserveAsync(NewId(), rate with { Tokens = 1001 })).Refusal!.Message, StringComparison.Ordinal);
        await AssertLedgerBalancedAsync();
    }

    [Fact]
    public async Task In_one_batch_only_the_calls_beyond_a_key_s_limit_are_refused_and_other_keys_are_untouched()
    {
        await Admin.CreditAsync(AccountId, "10");
        await using var harness = new GroupCommitHarness(Fixture.App.Services);
        var other = Guid.CreateVersion7();
        var rate = new KeyRateLimit(2, null, null, 10);
        var calls = Enumerable.Range(0, 4).Select(_ => NewId()).ToList();

        var tasks = await harness.InOneBatchAsync(
            BatchKind.Reserve,
            () => TryReserveAsync(NewId(), null, Guid.CreateVersion7(), via: harness.Reservations),
            () => [.. calls.Select(id => TryReserveAsync(id, rate, via: harness.Reservations)), TryReserveAsync(NewId(), null, keyId: other, via: harness.Reservations)]);
        var outcomes = await Task.WhenAll(tasks.Skip(1).Cast<Task<(Money? Held, KeyRateLimitedException? Refusal)>>());

        Assert.Equal([1, 5], harness.Sql.SizesOf(BatchKind.Reserve));
        Assert.Equal([true, true, false, false, true], outcomes.Select(o => o.Held is not null));
        Assert.Equal(3, harness.Reservations.Counters.Fast);
        Assert.Equal(3, await WithBillingDbAsync(db => db.Reservations.CountAsync(r => r.AccountId == AccountId)));
    }

    private async Task<(Money? Held, KeyRateLimitedException? Refusal)> TryReserveAsync(
        string id, KeyRateLimit? rate, Guid? account = null, Guid? keyId = null, GroupCommitReservations? via = null)
    {
        var request = new ReservationRequest(id, account ?? AccountId, keyId ?? key, "gpt-4o", "openai", Money.Parse("0.1"), Money.Parse("0.1"), Rate: rate);
        try
        {
            if (via is not null)
            {
                return (await via.TryReserveUpToAsync(request, CancellationToken.None), null);
            }

            await using var scope = Fixture.App.Services.CreateAsyncScope();
            return (await scope.ServiceProvider.GetRequiredService<IBalanceReservations>().TryReserveUpToAsync(request, CancellationToken.None), null);
        }
        catch (KeyRateLimitedException e)
        {
            return (null, e);
        }
    }

    private async Task SettleAsync(string id, long input, long output)
    {
        var call = new CallSettlement(id, AccountId, key, "gpt-4o", "openai", new TokenUsage(input, output, 0, 0, 0), Money.Parse("0.01"), 42, "succeeded", "reported");
        await using var scope = Fixture.App.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IBalanceReservations>().SettleAsync(call, CancellationToken.None);
    }

    private static string NewId() => "req_" + Guid.NewGuid().ToString("N");
}

public sealed class SqliteKeyRateCountFixture() : BillingFixture(DatabaseKind.Sqlite, fakeClock: true);

public sealed class PostgresKeyRateCountFixture() : BillingFixture(DatabaseKind.Postgres, fakeClock: true);

public sealed class SqliteKeyRateCountTests(SqliteKeyRateCountFixture fixture)
    : KeyRateCountTests<SqliteKeyRateCountFixture>(fixture), IClassFixture<SqliteKeyRateCountFixture>;

public sealed class PostgresKeyRateCountTests(PostgresKeyRateCountFixture fixture)
    : KeyRateCountTests<PostgresKeyRateCountFixture>(fixture), IClassFixture<PostgresKeyRateCountFixture>;
