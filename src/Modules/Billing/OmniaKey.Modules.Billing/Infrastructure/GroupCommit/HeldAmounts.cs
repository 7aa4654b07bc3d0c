using System.Collections.Concurrent;
using OmniaKey.Domain.Money;
using OmniaKey.Modules.Billing.Infrastructure.Balances;

namespace OmniaKey.Modules.Billing.Infrastructure.GroupCommit;

/// <summary>
/// What this instance held for each call it reserved, from the reservation until its settlement: the settlement's
/// fast path needs the hold before its batch runs, to know the cost fits inside it. Only a hint — the batch closes a
/// reservation only if the row still says <c>Held</c> with this account and amount; a call with no entry here (placed
/// by another instance, or before a restart) simply settles on the slow path.
/// </summary>
internal sealed class HeldAmounts
{
    private const int SweepEvery = 4096;

    private readonly ConcurrentDictionary<string, Hold> holds = new(StringComparer.Ordinal);
    private int sinceSweep;

    public int Count => holds.Count;

    /// <summary>What the remembered holds reserve in all, for the holds-in-flight gauge (read at collection only).</summary>
    public long TotalNanoUsd()
    {
        var total = 0L;
        foreach (var (_, hold) in holds)
        {
            total += hold.Amount.NanoUsd;
        }

        return total;
    }

    public void Remember(
        string requestId, Guid accountId, Money amount, DateTimeOffset expiresAt, DateTimeOffset now, BudgetRow? budget = null, bool rated = false)
    {
        holds[requestId] = new Hold(accountId, amount, expiresAt, budget, rated);
        if (Interlocked.Increment(ref sinceSweep) % SweepEvery == 0)
        {
            ForgetExpired(now);
        }
    }

    public bool TryTake(string requestId, out Hold hold) => holds.TryRemove(requestId, out hold);

    /// <summary>
    /// Drops holds past their expiry: the clean-up job closes those, and a settlement arriving after it is a late
    /// settlement, which only the slow path handles. Keeps a call that never settles from leaking its entry.
    /// </summary>
    public void ForgetExpired(DateTimeOffset now)
    {
        foreach (var (requestId, hold) in holds)
        {
            if (hold.ExpiresAt <= now)
            {
                holds.TryRemove(requestId, out _);
            }
        }
    }
}

/// <summary>
/// A remembered hold; <paramref name="Budget"/> is the key budget row it also reserved on, if any; <paramref name="Rated"/>
/// says its key has rate limits (its reservation counts tokens).
/// </summary>
internal readonly record struct Hold(Guid AccountId, Money Amount, DateTimeOffset ExpiresAt, BudgetRow? Budget, bool Rated);
