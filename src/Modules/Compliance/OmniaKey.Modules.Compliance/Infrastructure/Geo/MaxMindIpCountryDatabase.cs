using System.Net;
using MaxMind.Db;
using Microsoft.Extensions.Logging;

namespace OmniaKey.Modules.Compliance.Infrastructure.Geo;

/// <summary>
/// The MaxMind-format country database at <c>Compliance:GeoIp:DatabasePath</c>, read with MaxMind.Db into private
/// memory (<see cref="FileAccessMode.Memory"/>: the file is not held open or mapped, so an update may overwrite or
/// replace it at any time). Lookups are lock-free and touch no SQL database. When the file changes, a new reader is
/// opened and checked, then swapped in; a file that fails the check leaves the old reader answering and is logged as
/// an error. With no path, or no readable file at start-up, the service starts anyway, warns once, and knows no
/// address (access decisions then rest on the other signals); a file that appears later is picked up.
/// See docs/geoip.md and docs/adr/0024-client-ip-and-country-resolution.md.
/// </summary>
internal sealed partial class MaxMindIpCountryDatabase : IIpCountryDatabase, IDisposable
{
    public const string DatabasePathKey = "Compliance:GeoIp:DatabasePath";

    public static readonly TimeSpan DefaultReloadDebounce = TimeSpan.FromSeconds(1);

    // Probed at load: a file whose records cannot be decoded as a country record fails here, not on a customer's call.
    private static readonly IPAddress[] Probes = [IPAddress.Parse("1.1.1.1"), IPAddress.Parse("8.8.8.8"), IPAddress.Parse("2001:4860:4860::8888")];

    private readonly string? path;
    private readonly ILogger logger;
    private readonly Lock reloadGate = new();
    private readonly DatabaseFileWatcher? watcher;
    private ReaderLease? current;
    private bool disposed;
    private int lookupFailureLogged;

    public MaxMindIpCountryDatabase(string? configuredPath, ILogger<MaxMindIpCountryDatabase> logger, TimeProvider timeProvider, TimeSpan? reloadDebounce = null)
    {
        this.logger = logger;
        if (string.IsNullOrWhiteSpace(configuredPath))
        {
            LogNoDatabase(logger, $"{DatabasePathKey} is not set");
            return;
        }

        path = Path.GetFullPath(configuredPath);

        // Watch before the first read, so a file that lands in between is not missed; the gate keeps a reload the
        // watcher starts meanwhile from racing the first read.
        watcher = DatabaseFileWatcher.TryStart(path, reloadDebounce ?? DefaultReloadDebounce, timeProvider, Reload, out var watchFailure);
        if (watchFailure is not null)
        {
            LogNotWatched(logger, watchFailure, path);
        }

        lock (reloadGate)
        {
            try
            {
                var opened = Open(path);
                Interlocked.Exchange(ref current, opened)?.Release();
                LogLoaded(logger, path, opened.Metadata.DatabaseType, opened.Metadata.BuildDate, opened.Metadata.IPVersion);
            }
            catch (Exception error)
            {
                // Whatever went wrong, the service starts: the database is optional, the warning says what is missing.
                var why = File.Exists(path) ? $"{path} cannot be read as a MaxMind database ({error.Message})" : $"{path} does not exist";
                var later = watcher is null
                    ? "its directory is not watched, so only a restart will load it"
                    : "it will be loaded when it appears or changes";
                LogNoDatabase(logger, $"{why}; {later}");
            }
        }
    }

    /// <summary>The path being watched (absolute), or null when none is configured.</summary>
    public string? DatabasePath => path;

    /// <summary>The loaded database's metadata (type, build date, IP version), or null while none is loaded.</summary>
    public Metadata? LoadedMetadata
    {
        get
        {
            var lease = AcquireCurrent();
            if (lease is null)
            {
                return null;
            }

            try
            {
                return lease.Metadata;
            }
            finally
            {
                lease.Release();
            }
        }
    }

    public string? FindCountry(IPAddress address)
    {
        var lease = AcquireCurrent();
        if (lease is null)
        {
            return null;
        }

        try
        {
            return lease.Find(address);
        }
        catch (Exception error)
        {
            // A damaged region the load-time probes did not reach: this address is unknown (a lookup never fails a
            // request); said once per loaded file.
            if (Interlocked.Exchange(ref lookupFailureLogged, 1) == 0)
            {
                LogLookupFailed(logger, error, path);
            }

            return null;
        }
        finally
        {
            lease.Release();
        }
    }

    /// <summary>Opens the file again and swaps it in if it checks out; called by the watcher after changes settle.</summary>
    public void Reload()
    {
        lock (reloadGate)
        {
            if (disposed || path is null || !File.Exists(path))
            {
                return;
            }

            ReaderLease fresh;
            try
            {
                fresh = Open(path);
            }
            catch (Exception error)
            {
                // Runs on a timer thread, where an escaping exception would end the process: every failure is logged.
                LogReloadFailed(logger, error, path);
                return;
            }

            Interlocked.Exchange(ref current, fresh)?.Release();
            Interlocked.Exchange(ref lookupFailureLogged, 0);
            LogLoaded(logger, path, fresh.Metadata.DatabaseType, fresh.Metadata.BuildDate, fresh.Metadata.IPVersion);
        }
    }

    public void Dispose()
    {
        lock (reloadGate)
        {
            disposed = true;
        }

        watcher?.Dispose();
        Interlocked.Exchange(ref current, null)?.Release();
    }

    private static ReaderLease Open(string path)
    {
        var reader = new Reader(path, FileAccessMode.Memory);
        try
        {
            var metadata = reader.Metadata;
            if (metadata.BinaryFormatMajorVersion != 2 || metadata.IPVersion is not (4 or 6))
            {
                throw new InvalidDatabaseException(
                    $"binary format {metadata.BinaryFormatMajorVersion}, IP version {metadata.IPVersion}; expected format 2 and IP version 4 or 6");
            }

            var lease = new ReaderLease(reader);
            foreach (var probe in Probes)
            {
                lease.Find(probe);
            }

            return lease;
        }
        catch
        {
            reader.Dispose();
            throw;
        }
    }

    private ReaderLease? AcquireCurrent()
    {
        while (true)
        {
            var lease = Volatile.Read(ref current);
            if (lease is null || lease.TryAcquire())
            {
                return lease;
            }

            // Swapped out and drained between the read and the acquire: the field already holds its successor.
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "No IP country database: {Reason}. Country decisions rest on the other signals (declared country, card country, operator overrides) until one is loaded")]
    private static partial void LogNoDatabase(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Changes to the IP country database {Path} cannot be watched; a new file is read only at the next restart")]
    private static partial void LogNotWatched(ILogger logger, Exception error, string path);

    [LoggerMessage(Level = LogLevel.Information, Message = "IP country database {Path} loaded ({DatabaseType}, built {BuildDate:u}, IPv{IpVersion})")]
    private static partial void LogLoaded(ILogger logger, string path, string databaseType, DateTime buildDate, int ipVersion);

    [LoggerMessage(Level = LogLevel.Error, Message = "The changed IP country database {Path} cannot be read; the previous one keeps answering")]
    private static partial void LogReloadFailed(ILogger logger, Exception error, string path);

    [LoggerMessage(Level = LogLevel.Error, Message = "A lookup in the IP country database {Path} failed; such addresses count as unknown")]
    private static partial void LogLookupFailed(ILogger logger, Exception error, string? path);
}
