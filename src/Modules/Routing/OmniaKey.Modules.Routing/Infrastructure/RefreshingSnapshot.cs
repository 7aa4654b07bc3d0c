namespace OmniaKey.Modules.Routing.Infrastructure;

/// <summary>
/// A value read from the database and kept in memory for the hot path. It is reloaded when older than its
/// lifetime (which bounds how long another instance's change stays unseen) and dropped at once by
/// <see cref="Invalidate"/> (a change on this instance, called after the change is committed). One caller reloads
/// while the others wait for the same load; a load that overlapped an invalidation is used by its waiters but not
/// kept, because it may predate the change.
/// </summary>
internal sealed class RefreshingSnapshot<T>(Func<CancellationToken, Task<T>> load, TimeProvider clock, TimeSpan lifetime)
    where T : class
{
    private readonly Lock gate = new();
    private Entry? current;
    private Task<Entry>? loading;
    private long version;

    public ValueTask<T> GetAsync(CancellationToken cancellationToken)
    {
        var entry = current;
        return entry is not null && clock.GetUtcNow() < entry.ExpiresAt
            ? ValueTask.FromResult(entry.Value)
            : new ValueTask<T>(ReloadAsync(cancellationToken));
    }

    public void Invalidate()
    {
        lock (gate)
        {
            version++;
            current = null;
            loading = null;
        }
    }

    private async Task<T> ReloadAsync(CancellationToken cancellationToken)
    {
        Task<Entry> task;
        lock (gate)
        {
            task = loading ??= LoadAsync(version);
        }

        // The shared load ignores this caller's cancellation (others wait for it too); the caller stops waiting.
        return (await task.WaitAsync(cancellationToken).ConfigureAwait(false)).Value;
    }

    private async Task<Entry> LoadAsync(long seenVersion)
    {
        // Leave the lock before loading, so the clean-up below never runs before the task is published.
        await Task.Yield();
        try
        {
            var value = await load(CancellationToken.None).ConfigureAwait(false);
            var entry = new Entry(value, clock.GetUtcNow() + lifetime);
            lock (gate)
            {
                if (version == seenVersion)
                {
                    current = entry;
                }
            }

            return entry;
        }
        finally
        {
            lock (gate)
            {
                if (version == seenVersion)
                {
                    loading = null;
                }
            }
        }
    }

    private sealed record Entry(T Value, DateTimeOffset ExpiresAt);
}
