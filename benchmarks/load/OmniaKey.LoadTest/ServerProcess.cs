using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace OmniaKey.LoadTest;

/// <summary>
/// One server under test in its own OS process, so that its CPU time, peak RSS and startup are its own. Its output
/// goes to a log file; a watcher shell kills it if this program dies without stopping it.
/// </summary>
internal sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly StreamWriter log;
    private readonly long startedAt;

    private ServerProcess(string name, Process process, StreamWriter log, string logPath, long startedAt, int port)
    {
        Name = name;
        this.process = process;
        this.log = log;
        LogPath = logPath;
        this.startedAt = startedAt;
        Port = port;
    }

    public string Name { get; }

    public int Port { get; }

    public string LogPath { get; }

    public int Pid => process.Id;

    public Uri BaseAddress => new($"http://127.0.0.1:{Port}");

    /// <summary>User plus system CPU time of the process so far (<c>/proc/&lt;pid&gt;/stat</c>).</summary>
    public TimeSpan CpuTime
    {
        get
        {
            process.Refresh();
            return process.TotalProcessorTime;
        }
    }

    /// <summary>Peak resident set size, <c>VmHWM</c> in <c>/proc/&lt;pid&gt;/status</c>, in MiB.</summary>
    public double PeakRssMiB => ReadStatusKiB("VmHWM:") / 1024.0;

    /// <summary>Resident set size now, <c>VmRSS</c>, in MiB.</summary>
    public double RssMiB => ReadStatusKiB("VmRSS:") / 1024.0;

    /// <summary>Starts <paramref name="fileName"/> with <paramref name="arguments"/>, its output logged under <paramref name="logDirectory"/>.</summary>
    public static ServerProcess Start(
        string name,
        string fileName,
        IEnumerable<string> arguments,
        int port,
        string logDirectory,
        IReadOnlyDictionary<string, string>? environment = null,
        string? workingDirectory = null)
    {
        var info = new ProcessStartInfo(fileName)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        Directory.CreateDirectory(logDirectory);
        var logPath = Path.Combine(logDirectory, name + ".log");
        var log = new StreamWriter(logPath) { AutoFlush = true };
        var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => Write(log, e.Data);
        process.ErrorDataReceived += (_, e) => Write(log, e.Data);
        var startedAt = Stopwatch.GetTimestamp();
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        KillWhenThisProgramDies(process.Id);
        return new ServerProcess(name, process, log, logPath, startedAt, port);
    }

    /// <summary>A loopback port nothing listens on right now.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>
    /// Calls <paramref name="probe"/> every 5 ms until it answers true, and returns the time from the process start
    /// to that answer: the startup to the first answered call.
    /// </summary>
    public async Task<TimeSpan> WaitUntilAnsweredAsync(Func<CancellationToken, Task<bool>> probe, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"{Name} exited with code {process.ExitCode} before answering; see {LogPath}");
            }

            try
            {
                if (await probe(deadline.Token))
                {
                    return Stopwatch.GetElapsedTime(startedAt);
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested)
            {
                break;
            }

            try
            {
                await Task.Delay(5, deadline.Token);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        throw new TimeoutException($"{Name} did not answer within {timeout.TotalSeconds:F0} s; see {LogPath}");
    }

    /// <summary>SIGTERM (a graceful shutdown, as a deployment stops it), then SIGKILL after 10 s.</summary>
    public async Task StopAsync()
    {
        if (process.HasExited)
        {
            return;
        }

        using (var term = Process.Start("kill", ["-TERM", Pid.ToString(CultureInfo.InvariantCulture)]))
        {
            await term.WaitForExitAsync();
        }

        using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await process.WaitForExitAsync(grace.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        process.Dispose();
        lock (log)
        {
            log.Dispose();
        }
    }

    private static void Write(StreamWriter log, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            // Null once disposed: a line that arrives after the stop is dropped.
            if (log.BaseStream is { CanWrite: true })
            {
                log.WriteLine(line);
            }
        }
    }

    /// <summary>
    /// A detached shell that polls this program once a second and kills the child when this program is gone, so a
    /// killed or crashed run leaves no server behind.
    /// </summary>
    private static void KillWhenThisProgramDies(int child)
    {
        var script = $"exec </dev/null >/dev/null 2>&1; while kill -0 {Environment.ProcessId} && kill -0 {child}; do sleep 1; done; kill -0 {Environment.ProcessId} || kill -9 {child}";
        using var watcher = Process.Start(new ProcessStartInfo("sh", ["-c", script]) { UseShellExecute = false });
    }

    private long ReadStatusKiB(string field)
    {
        foreach (var line in File.ReadLines($"/proc/{Pid}/status"))
        {
            if (line.StartsWith(field, StringComparison.Ordinal))
            {
                return long.Parse(line[field.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
            }
        }

        throw new InvalidOperationException($"{field} not found in /proc/{Pid}/status");
    }
}
