using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using OmniaKey.Domain.Money;
using OmniaKey.Modules.Billing.Contracts;
using OmniaKey.Modules.Billing.Infrastructure.Balances;
using OmniaKey.Modules.Billing.Infrastructure.Leases;
using Xunit;

namespace OmniaKey.UnitTests.Billing;

/// <summary>
/// How a balance lease lends, grows, gives back and closes (docs/adr/0048-balance-leases.md), with its database steps
/// recorded instead of run; the integration tests (BalanceLeaseTests) run the same on PostgreSQL.
/// </summary>
public sealed class BalanceLeasesTests : IAsyncDisposable
{
    private static readonly Guid Account = Guid.NewGuid();
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 12, 7, 12, 0, 0, TimeSpan.Zero));
    private readonly RecordingLeaseStore store = new();
    private readonly ServiceProvider services;
    private readonly BalanceLeases leases;
    private int calls;

    public BalanceLeasesTests()
    {
        services = new ServiceCollection().AddScoped<ILeaseStore>(_ => store).BuildServiceProvider();
        leases = new BalanceLeases(
            LeaseSettings.Default, new ReservationSettings(TimeSpan.FromMinutes(30)), services.GetRequiredService<IServiceScopeFactory>(), clock, NullLogger<BalanceLeases>.Instance);
    }

    [Fact]
    public async Task A_lone_call_takes_no_lease_and_a_second_soon_after_takes_one_of_sixteen_holds()
    {
        Assert.False(leases.TryLend(Call("0.01")));
        Assert.Empty(store.Takes);

        Assert.False(leases.TryLend(Call("0.01")));
        var lease = await LendingAsync();

        var take = Assert.Single(store.Takes);
        Assert.Equal((Money.Parse("0.16"), Money.Parse("0.16"), 25), (take.Target, take.Minimum, take.SharePercent));
        Assert.Equal(Money.Parse("0.16").NanoUsd, lease.UnlentNanoUsd);
    }

    [Fact]
    public async Task A_lease_lends_until_it_runs_dry_the_next_is_twice_as_big_and_the_dry_one_closes_when_its_holds_settle()
    {
        var lease = await TakeLeaseAsync("0.01");
        var lent = Enumerable.Range(0, 16).Select(_ => Call("0.01")).ToList();
        Assert.All(lent, call => Assert.True(leases.TryLend(call)));

        Assert.False(leases.TryLend(Call("0.01")));
        await WaitUntilAsync(() => store.Takes.Count == 2);
        Assert.Equal(Money.Parse("0.32"), store.Takes[1].Target); // it ran dry within a second of being taken
        Assert.Empty(store.Returns); // nothing left to give back while its sixteen holds are outstanding

        foreach (var call in lent)
        {
            Assert.True(leases.TryTake(call.RequestId, out var hold));
            Assert.Same(lease, hold.Lease);
            leases.Settled(hold);
        }

        await WaitUntilAsync(() => store.Returns.Count == 1);
        Assert.Equal((lease.Id, 0L, true), Assert.Single(store.Returns));
    }

    [Fact]
    public async Task A_call_whose_hold_is_more_than_half_the_lease_holds_on_its_own_and_the_lease_keeps_lending()
    {
        await TakeLeaseAsync("0.01");
        Assert.True(leases.TryLend(Call("0.09"))); // a big call that fits is lent like any other

        Assert.False(leases.TryLend(Call("0.09"))); // 0.07 left: it does not fit, and is too big to retire the lease for
        Assert.True(leases.TryLend(Call("0.01")));
        Assert.Empty(store.Returns);
        Assert.Single(store.Takes);
    }

    [Fact]
    public async Task An_idle_lease_gives_back_what_it_has_not_lent_and_closes_when_its_last_hold_settles()
    {
        var lease = await TakeLeaseAsync("0.01");
        var call = Call("0.01");
        Assert.True(leases.TryLend(call));

        clock.Advance(TimeSpan.FromSeconds(1));
        await WaitUntilAsync(() => store.Returns.Count == 1);
        Assert.Equal((lease.Id, Money.Parse("0.15").NanoUsd, false), store.Returns[0]);
        Assert.Null(leases.LendingFor(Account));

        Assert.True(leases.TryTake(call.RequestId, out var hold));
        leases.Settled(hold);
        await WaitUntilAsync(() => store.Returns.Count == 2);
        Assert.Equal((lease.Id, 0L, true), store.Returns[1]);
    }

    [Fact]
    public async Task A_reader_of_the_account_gets_the_unlent_amount_back_before_it_reads()
    {
        var lease = await TakeLeaseAsync("0.01");
        Assert.True(leases.TryLend(Call("0.01")));
        Assert.True(leases.TryLend(Call("0.01")));

        await leases.ReturnUnlentAsync(Account);

        Assert.Equal((lease.Id, Money.Parse("0.14").NanoUsd, false), Assert.Single(store.Returns));
        Assert.False(leases.TryLend(Call("0.01")));
    }

    [Fact]
    public async Task A_balance_that_cannot_fund_a_lease_is_not_asked_again_for_a_second()
    {
        store.Grant = _ => null;
        Assert.False(leases.TryLend(Call("0.01")));
        Assert.False(leases.TryLend(Call("0.01")));
        await WaitUntilAsync(() => store.Takes.Count == 1);
        await Task.Delay(50);

        Assert.False(leases.TryLend(Call("0.01")));
        Assert.False(leases.TryLend(Call("0.01")));
        await Task.Delay(50);
        Assert.Single(store.Takes);

        clock.Advance(TimeSpan.FromMilliseconds(1500));
        Assert.False(leases.TryLend(Call("0.01")));
        Assert.False(leases.TryLend(Call("0.01")));
        await WaitUntilAsync(() => store.Takes.Count == 2);
    }

    public async ValueTask DisposeAsync()
    {
        await leases.DisposeAsync();
        await services.DisposeAsync();
    }

    private ReservationRequest Call(string hold) =>
        new($"req_{Interlocked.Increment(ref calls)}", Account, Guid.NewGuid(), "gpt-4o", "openai", Money.Parse(hold), Money.Parse(hold));

    /// <summary>Two calls close together: the second has a lease taken, which lends from then on.</summary>
    private async Task<Lease> TakeLeaseAsync(string hold)
    {
        Assert.False(leases.TryLend(Call(hold)));
        Assert.False(leases.TryLend(Call(hold)));
        return await LendingAsync();
    }

    private async Task<Lease> LendingAsync()
    {
        await WaitUntilAsync(() => leases.LendingFor(Account) is not null);
        return leases.LendingFor(Account)!;
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 200 && !condition(); i++)
        {
            await Task.Delay(10);
        }

        Assert.True(condition(), "the lease's background step did not happen within 2 seconds");
    }

    /// <summary>Grants every lease its target (or what <see cref="Grant"/> says) and records each step.</summary>
    private sealed class RecordingLeaseStore : ILeaseStore
    {
        private readonly Lock gate = new();
        private readonly List<(Money Target, Money Minimum, int SharePercent)> takes = [];
        private readonly List<(string LeaseId, long Unlent, bool Close)> returns = [];

        public Func<Money, Money?> Grant { get; set; } = target => target;

        public IReadOnlyList<(Money Target, Money Minimum, int SharePercent)> Takes
        {
            get
            {
                lock (gate)
                {
                    return [.. takes];
                }
            }
        }

        public IReadOnlyList<(string LeaseId, long Unlent, bool Close)> Returns
        {
            get
            {
                lock (gate)
                {
                    return [.. returns];
                }
            }
        }

        public Task<Money?> TakeAsync(string leaseId, Guid accountId, Money target, Money minimum, int maxSharePercent, DateTimeOffset expiresAt, CancellationToken cancellationToken)
        {
            lock (gate)
            {
                takes.Add((target, minimum, maxSharePercent));
            }

            return Task.FromResult(Grant(target));
        }

        public Task ReturnAsync(string leaseId, Guid accountId, long unlent, bool close, CancellationToken cancellationToken)
        {
            lock (gate)
            {
                returns.Add((leaseId, unlent, close));
            }

            return Task.CompletedTask;
        }

        public Task<Money> SettleAsync(CallSettlement settlement, LeaseHold hold, CancellationToken cancellationToken) =>
            throw new NotSupportedException("The lease book never settles; the group commit does.");

        public Task<bool> GiveOwnHoldAsync(CallSettlement call, LeaseHold hold, DateTimeOffset expiresAt, CancellationToken cancellationToken) =>
            throw new NotSupportedException("The lease book never moves holds; the group commit does.");
    }
}
