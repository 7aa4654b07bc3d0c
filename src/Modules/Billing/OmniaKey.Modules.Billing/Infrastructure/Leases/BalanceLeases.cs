using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OmniaKey.Domain.Money;
using OmniaKey.Modules.Billing.Contracts;
using OmniaKey.Modules.Billing.Infrastructure.Balances;

namespace OmniaKey.Modules.Billing.Infrastructure.Leases;

/// <summary>
/// This instance's balance leases (docs/adr/0048-balance-leases.md). A call of a key without limits holds its estimate
/// from its account's lease, in memory, instead of a database round trip; the lease itself is a block of the balance
/// reserved in the database, taken when the account has none that can lend, and given back when it runs dry, goes
/// idle, grows old, when a reader of the account's money asks, and on shutdown. A lease is a hold like any other in
/// the database, so no balance can be overspent across instances: each instance can only lend what it reserved.
/// </summary>
internal sealed partial class BalanceLeases : IAsyncDisposable
{
    private readonly ConcurrentDictionary<Guid, AccountLeases> accounts = new();
    private readonly ConcurrentDictionary<string, LeaseHold> lent = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Task, Guid> returning = new();
    private readonly LeaseSettings settings;
    private readonly ReservationSettings reservations;
    private readonly IServiceScopeFactory scopes;
    private readonly TimeProvider clock;
    private readonly ILogger<BalanceLeases> logger;
    private readonly CancellationTokenSource stopping = new();
    private readonly Task sweeping;
    private readonly TimeSpan lendsFor;

    public BalanceLeases(LeaseSettings settings, ReservationSettings reservations, IServiceScopeFactory scopes, TimeProvider clock, ILogger<BalanceLeases> logger)
    {
        this.settings = settings;
        this.reservations = reservations;
        this.scopes = scopes;
        this.clock = clock;
        this.logger = logger;

        // A lease lends only in the first half of its row's life, so every call it lends to ends long before the row expires.
        lendsFor = settings.MaxAge < reservations.TimeToLive / 2 ? settings.MaxAge : reservations.TimeToLive / 2;
        sweeping = settings.Enabled ? SweepAsync() : Task.CompletedTask;
    }

    public bool Enabled => settings.Enabled;

    /// <summary>Holds lent and not settled yet (tests and diagnostics).</summary>
    public int Outstanding => lent.Count;

    /// <summary>
    /// Lends <see cref="ReservationRequest.Desired"/> from the account's lease. False when the call must hold on its
    /// own: the account has no lease that can lend it (if it called a moment ago too, one is then taken in the
    /// background for the calls that follow, unless the balance could not fund one). No call ever waits for a lease.
    /// </summary>
    public bool TryLend(ReservationRequest request)
    {
        var account = accounts.GetOrAdd(request.AccountId, static (id, initial) => new AccountLeases(id, initial), settings.InitialCalls);
        var now = clock.GetUtcNow();
        lock (account.Gate)
        {
            if (TryLendLocked(account, request, now))
            {
                return true;
            }

            // A call too big for a lease still lending holds on its own; that lease lends on.
            if (account.Current is not null)
            {
                return false;
            }

            // Only an account that calls again within the idle time is worth a lease: a lone call is served by its
            // own hold, and locks up no more of the balance than that.
            var busy = now - account.LastOwnHold < settings.IdleAfter;
            account.LastOwnHold = now;
            if (busy && now >= account.NoLeaseUntil && account.Taking is null)
            {
                // TakeAsync clears this under the same lock, so it cannot run before the assignment.
                var desired = request.Desired;
                account.Taking = Task.Run(() => TakeAsync(account, desired));
            }

            return false;
        }
    }

    /// <summary>The account's lease lending now, if any (diagnostics and tests).</summary>
    public Lease? LendingFor(Guid accountId)
    {
        if (!accounts.TryGetValue(accountId, out var account))
        {
            return null;
        }

        lock (account.Gate)
        {
            return account.Current;
        }
    }

    /// <summary>The lease hold of <paramref name="requestId"/>, removed: only its one settlement finds it.</summary>
    public bool TryTake(string requestId, out LeaseHold hold) => lent.TryRemove(requestId, out hold);

    /// <summary>Lends the hold to its call again: taking it out of the lease failed, and the call still holds from it.</summary>
    public void PutBack(string requestId, LeaseHold hold) => lent[requestId] = hold;

    /// <summary>
    /// A lent hold's settlement committed (or its hold left the lease): the lease may close once nothing it lent is
    /// outstanding. Call exactly once per hold taken with <see cref="TryTake"/>.
    /// </summary>
    public void Settled(LeaseHold hold)
    {
        var lease = hold.Lease;
        if (!accounts.TryGetValue(lease.AccountId, out var account))
        {
            return;
        }

        bool close;
        lock (account.Gate)
        {
            lease.Outstanding--;
            close = lease.Retired && lease.Outstanding == 0 && !lease.Closing;
            lease.Closing |= close;
        }

        if (close)
        {
            StartReturn(lease, 0, close: true);
        }
    }

    /// <summary>
    /// Gives back what this instance's lease of the account has not lent, so that a reader of the account's money sees
    /// only the holds of calls in flight. The next call takes a fresh lease.
    /// </summary>
    /// <returns>Whether the lease had anything unlent to give back.</returns>
    public async Task<bool> ReturnUnlentAsync(Guid accountId)
    {
        var gaveBack = false;
        if (accounts.TryGetValue(accountId, out var account))
        {
            gaveBack = await RetireAfterTakeAsync(account);
        }

        await Task.WhenAll(returning.Where(r => r.Value == accountId).Select(r => r.Key));
        return gaveBack;
    }

    /// <summary>As <see cref="ReturnUnlentAsync"/>, for every account (and, on shutdown, before the process exits).</summary>
    public async Task ReturnAllAsync()
    {
        await Task.WhenAll(accounts.Values.Select(RetireAfterTakeAsync));
        await Task.WhenAll(returning.Keys);
    }

    /// <summary>
    /// Retires the account's lease once a take in flight has landed: a reader who asked while a lease was being taken
    /// (the calls before it asked started the take) must see that lease given back as well, not appear after it read.
    /// </summary>
    private async Task<bool> RetireAfterTakeAsync(AccountLeases account)
    {
        Task? taking;
        lock (account.Gate)
        {
            taking = account.Taking;
        }

        if (taking is not null)
        {
            await taking; // TakeAsync logs its own failure and never throws.
        }

        return await RetireAsync(account, idle: false);
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        await sweeping.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        stopping.Dispose();
    }

    /// <summary>Lends from the current lease if it can; retires it (to be given back) if it ran dry or grew old.</summary>
    private bool TryLendLocked(AccountLeases account, ReservationRequest request, DateTimeOffset now)
    {
        if (account.Current is not { } lease)
        {
            return false;
        }

        var desired = request.Desired.NanoUsd;
        if (lease.UnlentNanoUsd >= desired && now - lease.CreatedAt < lendsFor)
        {
            lease.UnlentNanoUsd -= desired;
            lease.Outstanding++;
            lease.LastLent = now;
            lent[request.RequestId] = new LeaseHold(lease, desired);
            return true;
        }

        // A call whose hold is a large part of the lease holds on its own rather than retire a lease still lending.
        if (desired * 2 > lease.SizeNanoUsd && now - lease.CreatedAt < lendsFor)
        {
            return false;
        }

        // Ran dry soon after it was taken: the account calls faster than the lease was sized for.
        if (now - lease.CreatedAt < settings.IdleAfter)
        {
            account.CallsPerLease = Math.Min(settings.MaxCalls, account.CallsPerLease * 2);
        }

        RetireLocked(account, lease);
        return false;
    }

    private async Task TakeAsync(AccountLeases account, Money desired)
    {
        var now = clock.GetUtcNow();
        var id = Lease.NewId();
        var expiresAt = now + reservations.TimeToLive;
        Money? amount = null;
        try
        {
            int calls;
            lock (account.Gate)
            {
                calls = account.CallsPerLease;
            }

            var target = Money.FromNanoUsd(checked(desired.NanoUsd * calls));
            // A lease smaller than its first size is not worth the money it would lock up: an account whose balance
            // cannot spare that many holds keeps exact holds of their own for its last calls.
            var minimum = Money.FromNanoUsd(checked(desired.NanoUsd * settings.MinimumCalls));
            await using var scope = scopes.CreateAsyncScope();
            amount = await scope.ServiceProvider.GetRequiredService<ILeaseStore>()
                .TakeAsync(id, account.AccountId, target, minimum, settings.MaxSharePercent, expiresAt, CancellationToken.None);
        }
        catch (Exception e)
        {
            LogTakeFailed(e, account.AccountId);
        }
        finally
        {
            lock (account.Gate)
            {
                if (amount is { } taken)
                {
                    if (account.Current is { } previous)
                    {
                        RetireLocked(account, previous);
                    }

                    account.Current = new Lease(id, account.AccountId, taken.NanoUsd, now, expiresAt);
                }
                else
                {
                    // Its calls hold one by one for an idle time before the balance is asked again.
                    account.NoLeaseUntil = now + settings.IdleAfter;
                }

                account.Taking = null;
            }
        }
    }

    /// <summary>Retires the account's lease; true (once given back) when it had anything unlent.</summary>
    private async Task<bool> RetireAsync(AccountLeases account, bool idle)
    {
        Task returned;
        bool unlent;
        lock (account.Gate)
        {
            if (account.Current is not { } lease)
            {
                return false;
            }

            if (idle)
            {
                account.CallsPerLease = Math.Max(settings.InitialCalls, account.CallsPerLease / 2);
            }

            unlent = lease.UnlentNanoUsd > 0;
            returned = RetireLocked(account, lease);
        }

        await returned;
        return unlent;
    }

    /// <summary>Stops the lease lending and starts giving back what it has not lent (and closing it, if nothing is outstanding).</summary>
    private Task RetireLocked(AccountLeases account, Lease lease)
    {
        account.Current = null;
        lease.Retired = true;
        var unlent = lease.UnlentNanoUsd;
        lease.UnlentNanoUsd = 0;
        var close = lease.Outstanding == 0 && !lease.Closing;
        lease.Closing |= close;
        return unlent > 0 || close ? StartReturn(lease, unlent, close) : Task.CompletedTask;
    }

    private Task StartReturn(Lease lease, long unlent, bool close)
    {
        var task = Task.Run(() => ReturnAsync(lease, unlent, close));
        returning.TryAdd(task, lease.AccountId);
        _ = task.ContinueWith(done => returning.TryRemove(done, out _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return task;
    }

    /// <summary>A return that fails leaves the money in the row, which the clean-up job gives back when it expires.</summary>
    private async Task ReturnAsync(Lease lease, long unlent, bool close)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<ILeaseStore>().ReturnAsync(lease.Id, lease.AccountId, unlent, close, CancellationToken.None);
        }
        catch (Exception e)
        {
            LogReturnFailed(e, lease.Id, lease.AccountId);
        }
    }

    /// <summary>
    /// Once a second: retires leases idle or old, and forgets lent holds whose lease's row has expired (a call that
    /// never settled: the clean-up job has given its hold back with the rest of the lease).
    /// </summary>
    private async Task SweepAsync()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1), clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stopping.Token))
            {
                var now = clock.GetUtcNow();
                foreach (var account in accounts.Values)
                {
                    if (account.Current is { } lease && (now - lease.LastLent >= settings.IdleAfter || now - lease.CreatedAt >= lendsFor))
                    {
                        _ = RetireAsync(account, idle: now - lease.LastLent >= settings.IdleAfter);
                    }
                }

                foreach (var (requestId, hold) in lent)
                {
                    if (hold.Lease.ExpiresAt <= now)
                    {
                        lent.TryRemove(requestId, out _);
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
            // shutting down
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not take a balance lease for account {AccountId}; its calls hold one by one for now")]
    private partial void LogTakeFailed(Exception exception, Guid accountId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not give back balance lease {LeaseId} of account {AccountId}; the clean-up job will when it expires")]
    private partial void LogReturnFailed(Exception exception, string leaseId, Guid accountId);
}
