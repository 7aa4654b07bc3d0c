namespace OmniaKey.Infrastructure.Startup;

/// <summary>
/// Work the first call would otherwise do itself — a cache's first load, a query's first compilation — done in the
/// background once the schema is checked and seeded, while the server starts (docs/adr/0051-startup-overlapped.md).
/// A warm-up must leave nothing behind that a call could not have left (it loads what a call would load, or runs a
/// look-up that finds nothing without remembering it), and may fail: the first call then does the work, as before.
/// </summary>
public interface IStartupWarmup
{
    Task WarmAsync(CancellationToken cancellationToken);
}
