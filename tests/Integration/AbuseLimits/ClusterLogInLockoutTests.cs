using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using OmniaKey.Application.Messaging;
using OmniaKey.IntegrationTests.Infrastructure;
using OmniaKey.Modules.Accounts.Application.Accounts.Throttling.ForgetQuietLockouts;
using OmniaKey.Modules.Accounts.Domain.Accounts;
using OmniaKey.Modules.Accounts.Infrastructure.Persistence;
using OmniaKey.Modules.Accounts.Infrastructure.Throttling;
using Xunit;

namespace OmniaKey.IntegrationTests.AbuseLimits;

/// <summary>
/// Two instances of the service on one PostgreSQL database, behind a round-robin balancer as far as the attacker can
/// tell: the log-in lock-out lives in the database (docs/adr/0046), so failures on either instance count towards one
/// threshold, and a lock-out or a success on one holds on the other. Both instances share a fake clock.
/// </summary>
public sealed class ClusterLogInLockoutTests : IAsyncLifetime
{
    private const int Threshold = 4;
    private const string WrongPassword = "not the password at all";

    private static readonly Dictionary<string, string?> Limits = new()
    {
        // Only the lock-out is under test: the per-IP and per-e-mail rate limits are out of the way.
        ["RateLimits:SignUp:PermitsPerHour"] = "1000",
        ["RateLimits:SignUp:PerEmailPermitsPerHour"] = "1000",
        ["RateLimits:LogIn:PermitsPerMinute"] = "1000",
        ["RateLimits:LogIn:PerEmailPermitsPerMinute"] = "1000",
        ["RateLimits:LogIn:LockoutThreshold"] = Threshold.ToString(CultureInfo.InvariantCulture),
        ["RateLimits:LogIn:LockoutMinutes"] = "1,5",
    };

    private readonly FakeTimeProvider clock = new(DateTimeOffset.UtcNow);
    private FakeOpenAiServer? upstream;
    private OmniaKeyAppFactory? first;
    private OmniaKeyAppFactory? second;

    private OmniaKeyAppFactory First => first ?? throw new InvalidOperationException("Not initialised.");

    private OmniaKeyAppFactory Second => second ?? throw new InvalidOperationException("Not initialised.");

    public async Task InitializeAsync()
    {
        upstream = await FakeOpenAiServer.StartNewAsync();
        first = Instance(shareDatabaseOf: null);
        await first.InitializeAsync();
        second = Instance(shareDatabaseOf: first);
        await second.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        if (second is not null)
        {
            await second.DisposeAsync();
        }

        if (first is not null)
        {
            await first.DisposeAsync();
        }

        if (upstream is not null)
        {
            await upstream.DisposeAsync();
        }
    }

    [Fact]
    public async Task Failures_alternating_between_instances_lock_at_the_threshold_on_both_and_a_success_resets()
    {
        var email = ApiClientExtensions.NewEmail();
        await First.CreateClient().SignUpAndLogInAsync(email);

        // Each failure before the threshold-th answers 401, not 429: the address was not locked any earlier.
        await FailAlternatingAsync(email, Threshold);
        Assert.Equal(60, await LockedForAsync(First, email));
        Assert.Equal(60, await LockedForAsync(Second, email));

        // The lock ends on both at once; a success on one instance resets the escalation for both.
        clock.Advance(TimeSpan.FromMinutes(1));
        using (var success = await LogInAsync(Second, email, ApiClientExtensions.DefaultPassword))
        {
            await success.AssertStatusAsync(HttpStatusCode.OK);
        }

        await FailAlternatingAsync(email, Threshold);
        Assert.Equal(60, await LockedForAsync(Second, email)); // the first window again, not the second (5 min)
        Assert.Equal(60, await LockedForAsync(First, email));

        // Without a success in between, the next lock-out takes the next window, on both.
        clock.Advance(TimeSpan.FromMinutes(1));
        await FailAlternatingAsync(email, Threshold);
        Assert.Equal(300, await LockedForAsync(First, email));
        Assert.Equal(300, await LockedForAsync(Second, email));
    }

    [Fact]
    public async Task Concurrent_failures_on_both_instances_lose_no_count_and_an_unknown_address_locks_too()
    {
        var email = ApiClientExtensions.NewEmail("unknown");

        // Threshold - 1 failures at once, spread over both instances: each is counted exactly once.
        var concurrent = await Task.WhenAll(Enumerable.Range(0, Threshold - 1)
            .Select(i => LogInAsync(i % 2 == 0 ? First : Second, email, WrongPassword)));
        foreach (var response in concurrent)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            response.Dispose();
        }

        using (var last = await LogInAsync(Second, email, WrongPassword))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, last.StatusCode);
        }

        Assert.Equal(60, await LockedForAsync(First, email));
        Assert.Equal(60, await LockedForAsync(Second, email));
    }

    [Fact]
    public async Task The_clean_up_forgets_a_quiet_address_on_PostgreSQL_and_leaves_a_lock_in_force_to_both_instances()
    {
        var quiet = ApiClientExtensions.NewEmail("quiet");
        var locked = ApiClientExtensions.NewEmail("locked");
        await FailAlternatingAsync(quiet, Threshold - 1);
        clock.Advance(TimeSpan.FromHours(1) + TimeSpan.FromMinutes(1));
        await FailAlternatingAsync(locked, Threshold);

        await using (var scope = First.Services.CreateAsyncScope())
        {
            Assert.True(await scope.ServiceProvider.GetRequiredService<IDispatcher>().Send(new ForgetQuietLockoutsCommand()) >= 1);
            var hashes = await scope.ServiceProvider.GetRequiredService<AccountsDbContext>().LogInLockouts.AsNoTracking()
                .Select(l => l.EmailHash).ToListAsync();
            Assert.DoesNotContain(LogInLockoutStore.Hash(Account.NormalizeEmail(quiet)), hashes);
            Assert.Contains(LogInLockoutStore.Hash(Account.NormalizeEmail(locked)), hashes);
        }

        Assert.Equal(60, await LockedForAsync(Second, locked));
    }

    private OmniaKeyAppFactory Instance(OmniaKeyAppFactory? shareDatabaseOf) => new(
        DatabaseKind.Postgres,
        upstream!.BaseUrl,
        upstream.ApiKey,
        Limits,
        services => services.AddSingleton<TimeProvider>(clock),
        shareDatabaseOf: shareDatabaseOf);

    private static Task<HttpResponseMessage> LogInAsync(OmniaKeyAppFactory instance, string email, string password) =>
        instance.CreateClient().PostJsonAsync("/api/v1/auth/login", new { email, password });

    private async Task FailAlternatingAsync(string email, int times)
    {
        for (var i = 0; i < times; i++)
        {
            using var failed = await LogInAsync(i % 2 == 0 ? First : Second, email, WrongPassword);
            await failed.AssertStatusAsync(HttpStatusCode.Unauthorized);
        }
    }

    private static async Task<int> LockedForAsync(OmniaKeyAppFactory instance, string email)
    {
        using var locked = await LogInAsync(instance, email, ApiClientExtensions.DefaultPassword);
        var body = await locked.ReadJsonNodeAsync();
        Assert.True(locked.StatusCode == HttpStatusCode.TooManyRequests, $"expected 429, got {(int)locked.StatusCode}: {body.ToJsonString()}");
        Assert.Equal("login_locked", body["code"]?.GetValue<string>());
        return int.Parse(Assert.Single(locked.Headers.GetValues("Retry-After")), NumberStyles.None, CultureInfo.InvariantCulture);
    }
}
