using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OmniaKey.Modules.Accounts.Domain.Accounts;
using OmniaKey.Modules.Accounts.Infrastructure.Jobs;
using OmniaKey.Modules.Accounts.Infrastructure.Persistence;
using OmniaKey.Modules.Accounts.Infrastructure.Throttling;
using OmniaKey.IntegrationTests.Infrastructure;
using Xunit;
using static OmniaKey.IntegrationTests.AbuseLimits.AbuseLimitsFixture;

namespace OmniaKey.IntegrationTests.AbuseLimits;

public sealed class LogInLockoutTests(AbuseLimitsFixture fixture) : AbuseLimitsTestBase(fixture)
{
    private const string WrongPassword = "not the password at all";

    [Fact]
    public async Task Repeated_failures_lock_the_address_even_for_the_right_password_until_the_window_ends()
    {
        var email = ApiClientExtensions.NewEmail();
        await NewCustomerAsync(email);
        await FailAsync(email, LockoutThreshold);

        using var locked = await LogInAsync(email, NewIp());
        var (retryAfter, body) = await AssertTooManyAsync(locked, "login_locked");
        Assert.Equal(60, retryAfter);
        Assert.Contains("locked", body["detail"]!.GetValue<string>(), StringComparison.Ordinal);

        Fixture.Clock.Advance(TimeSpan.FromSeconds(59));
        using var stillLocked = await LogInAsync(email, NewIp());
        Assert.Equal(1, (await AssertTooManyAsync(stillLocked, "login_locked")).RetryAfter);

        Fixture.Clock.Advance(TimeSpan.FromSeconds(1));
        using var open = await LogInAsync(email, NewIp());
        await open.AssertStatusAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Each_lockout_in_a_row_is_longer_and_a_success_forgets_them()
    {
        var email = ApiClientExtensions.NewEmail();
        await NewCustomerAsync(email);

        await FailAsync(email, LockoutThreshold);
        Assert.Equal(60, await LockedForAsync(email));
        Fixture.Clock.Advance(TimeSpan.FromMinutes(1));

        await FailAsync(email, LockoutThreshold);
        Assert.Equal(300, await LockedForAsync(email));
        Fixture.Clock.Advance(TimeSpan.FromMinutes(5));

        await FailAsync(email, LockoutThreshold);
        Assert.Equal(900, await LockedForAsync(email));
        Fixture.Clock.Advance(TimeSpan.FromMinutes(15));

        // A success resets the count and the escalation: the next lock-out is the first window again.
        using var success = await LogInAsync(email, NewIp());
        await success.AssertStatusAsync(HttpStatusCode.OK);
        await FailAsync(email, LockoutThreshold - 1);
        Fixture.Clock.Advance(TimeSpan.FromMinutes(1)); // a fresh per-e-mail window
        using var stillOpen = await LogInAsync(email, NewIp());
        await stillOpen.AssertStatusAsync(HttpStatusCode.OK);
        await FailAsync(email, LockoutThreshold);
        Assert.Equal(60, await LockedForAsync(email));
    }

    [Fact]
    public async Task An_unknown_address_is_locked_exactly_like_a_known_one()
    {
        var known = ApiClientExtensions.NewEmail("known");
        var unknown = ApiClientExtensions.NewEmail("unknown");
        await NewCustomerAsync(known);
        Fixture.Clock.Advance(TimeSpan.FromMinutes(1)); // the sign-up's log-in starts no window in common with the test

        for (var i = 0; i < LockoutThreshold; i++)
        {
            using var knownFailure = await LogInAsync(known, NewIp(), WrongPassword);
            using var unknownFailure = await LogInAsync(unknown, NewIp(), WrongPassword);
            Assert.Equal(HttpStatusCode.Unauthorized, knownFailure.StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, unknownFailure.StatusCode);
        }

        using var knownLocked = await LogInAsync(known, NewIp());
        using var unknownLocked = await LogInAsync(unknown, NewIp());
        var (knownWait, knownBody) = await AssertTooManyAsync(knownLocked, "login_locked");
        var (unknownWait, unknownBody) = await AssertTooManyAsync(unknownLocked, "login_locked");
        Assert.Equal(knownWait, unknownWait);
        Assert.Equal(knownBody["detail"]!.GetValue<string>(), unknownBody["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_hour_without_a_failure_starts_the_count_and_the_escalation_over()
    {
        var email = ApiClientExtensions.NewEmail();
        await NewCustomerAsync(email);
        await FailAsync(email, LockoutThreshold);
        Assert.Equal(60, await LockedForAsync(email));

        Fixture.Clock.Advance(TimeSpan.FromHours(1) + TimeSpan.FromMinutes(2));
        await FailAsync(email, LockoutThreshold - 1);
        Fixture.Clock.Advance(TimeSpan.FromHours(1) + TimeSpan.FromSeconds(1));
        await FailAsync(email, LockoutThreshold - 1); // the earlier failures are forgotten: still open
        await FailAsync(email, 1);
        Assert.Equal(60, await LockedForAsync(email)); // the first window again
    }

    [Fact]
    public async Task The_clean_up_job_forgets_only_rows_with_no_lock_in_force_and_no_failure_for_an_hour()
    {
        var quiet = ApiClientExtensions.NewEmail("quiet");
        var locked = ApiClientExtensions.NewEmail("locked");
        var recent = ApiClientExtensions.NewEmail("recent");
        await FailAsync(quiet, 2);
        Fixture.Clock.Advance(TimeSpan.FromHours(1) + TimeSpan.FromMinutes(1));
        await FailAsync(locked, LockoutThreshold);
        await FailAsync(recent, 2);
        Assert.Equal(new[] { true, true, true }, await RowsExistAsync(quiet, locked, recent));

        await RunCleanUpAsync();

        Assert.Equal(new[] { false, true, true }, await RowsExistAsync(quiet, locked, recent));
        Assert.Equal(60, await LockedForAsync(locked)); // a lock in force is untouched

        // An hour later the lock has long ended and nothing failed since: both go, and start from scratch if they fail.
        Fixture.Clock.Advance(TimeSpan.FromHours(1) + TimeSpan.FromMinutes(1));
        await RunCleanUpAsync();
        Assert.Equal(new[] { false, false, false }, await RowsExistAsync(quiet, locked, recent));
        await FailAsync(locked, LockoutThreshold - 1);
        using var open = await LogInAsync(locked, NewIp(), WrongPassword);
        Assert.Equal(HttpStatusCode.Unauthorized, open.StatusCode); // not locked: the count started over
    }

    [Fact]
    public void The_clean_up_job_is_scheduled_hourly_under_its_stable_id()
    {
        RecurringJobs.AssertScheduled<ForgetQuietLockoutsJob>(Fixture.App.Services, ForgetQuietLockoutsJob.Id, "17 * * * *");
    }

    private async Task RunCleanUpAsync()
    {
        await using var scope = Fixture.App.Services.CreateAsyncScope();
        await ActivatorUtilities.CreateInstance<ForgetQuietLockoutsJob>(scope.ServiceProvider).RunAsync();
    }

    private async Task<bool[]> RowsExistAsync(params string[] emails)
    {
        await using var scope = Fixture.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AccountsDbContext>();
        var hashes = emails.Select(e => LogInLockoutStore.Hash(Account.NormalizeEmail(e))).ToList();
        var present = await db.LogInLockouts.AsNoTracking().Where(l => hashes.Contains(l.EmailHash)).Select(l => l.EmailHash).ToListAsync();
        return [.. hashes.Select(present.Contains)];
    }

    private async Task FailAsync(string email, int times)
    {
        for (var i = 0; i < times; i++)
        {
            using var failed = await LogInAsync(email, NewIp(), WrongPassword);
            await failed.AssertStatusAsync(HttpStatusCode.Unauthorized);
        }
    }

    private async Task<int> LockedForAsync(string email)
    {
        using var locked = await LogInAsync(email, NewIp());
        return (await AssertTooManyAsync(locked, "login_locked")).RetryAfter;
    }
}
