namespace OmniaKey.Modules.Compliance.Infrastructure.Geo;

/// <summary>
/// Calls back once a burst of changes to one file has settled. The directory is watched, not the file: updaters
/// usually write a temporary file and rename it over the old one, which a watch on the file itself would miss. Every
/// event for the file's name (written, created, renamed onto it) restarts the debounce timer, so a copy written in many
/// chunks is read once, after its last write. A watcher error (e.g. its buffer overflowed) also schedules a reload.
/// </summary>
internal sealed class DatabaseFileWatcher : IDisposable
{
    private static readonly StringComparison FileNameComparison =
        OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;

    private readonly string fileName;
    private readonly TimeSpan debounce;
    private readonly ITimer timer;
    private readonly FileSystemWatcher watcher;

    private DatabaseFileWatcher(string path, TimeSpan debounce, TimeProvider timeProvider, Action changed)
    {
        fileName = Path.GetFileName(path);
        this.debounce = debounce;
        timer = timeProvider.CreateTimer(_ => changed(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        watcher = new FileSystemWatcher(Path.GetDirectoryName(path)!)
        {
            IncludeSubdirectories = false,
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.CreationTime,
        };
        watcher.Changed += (_, e) => OnEvent(e.Name);
        watcher.Created += (_, e) => OnEvent(e.Name);
        watcher.Renamed += (_, e) => OnEvent(e.Name);
        watcher.Error += (_, _) => Schedule();
        watcher.EnableRaisingEvents = true;
    }

    /// <summary>
    /// Null when the file's directory does not exist (there is nothing to watch), or when the system refuses a watch
    /// (e.g. the inotify instance limit is reached): then <paramref name="failure"/> says why. Never throws: a
    /// database that cannot be watched is still read.
    /// </summary>
    public static DatabaseFileWatcher? TryStart(string path, TimeSpan debounce, TimeProvider timeProvider, Action changed, out Exception? failure)
    {
        failure = null;
        if (!Directory.Exists(Path.GetDirectoryName(path)))
        {
            return null;
        }

        try
        {
            return new DatabaseFileWatcher(path, debounce, timeProvider, changed);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or ArgumentException or PlatformNotSupportedException)
        {
            failure = error;
            return null;
        }
    }

    public void Dispose()
    {
        watcher.Dispose();
        timer.Dispose();
    }

    private void OnEvent(string? name)
    {
        if (string.Equals(name, fileName, FileNameComparison))
        {
            Schedule();
        }
    }

    private void Schedule() => timer.Change(debounce, Timeout.InfiniteTimeSpan);
}
