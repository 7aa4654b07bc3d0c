using System.Diagnostics;
using System.Globalization;

namespace OmniaKey.LoadTest;

/// <summary>
/// The managed heap of another .NET process, read with <c>dotnet-counters</c> when it is installed (on the PATH, in
/// <c>~/.dotnet/tools</c>, or named by <c>$DOTNET_COUNTERS</c>): the heap left after the last garbage collection
/// (all generations) and the memory the GC had committed then. Optional; without the tool the soak reports RSS only.
/// </summary>
internal static class DotnetCounters
{
    private const string HeapSize = "dotnet.gc.last_collection.heap.size";
    private const string Committed = "dotnet.gc.last_collection.memory.committed_size";

    public static async Task<ManagedHeap?> ReadAsync(int pid)
    {
        if (Locate() is not { } tool)
        {
            return null;
        }

        var output = Path.Combine(Path.GetTempPath(), $"omniakey-counters-{pid}-{Guid.NewGuid():N}.csv");
        var info = new ProcessStartInfo(tool, [
            "collect", "-p", pid.ToString(CultureInfo.InvariantCulture),
            "--counters", $"System.Runtime[{HeapSize},{Committed}]",
            "--format", "csv", "-o", output, "--duration", "00:00:00:02"])
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        try
        {
            using var process = Process.Start(info)!;
            var drain = Task.WhenAll(process.StandardOutput.ReadToEndAsync(), process.StandardError.ReadToEndAsync());
            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            await process.WaitForExitAsync(deadline.Token);
            await drain;
            return File.Exists(output) ? Parse(await File.ReadAllLinesAsync(output)) : null;
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or System.ComponentModel.Win32Exception)
        {
            return null;
        }
        finally
        {
            File.Delete(output);
        }
    }

    /// <summary>The last sample of each counter; the heap size comes per generation and is summed.</summary>
    private static ManagedHeap? Parse(string[] csv)
    {
        var rows = csv.Skip(1).Select(l => l.Split(',')).Where(c => c.Length >= 5).ToList();
        if (rows.Count == 0)
        {
            return null;
        }

        var last = rows[^1][0];
        var final = rows.Where(c => c[0] == last).ToList();
        double MiB(string counter) => final.Where(c => c[2].StartsWith(counter, StringComparison.Ordinal))
            .Sum(c => double.Parse(c[4], CultureInfo.InvariantCulture)) / (1024 * 1024);
        return new ManagedHeap(MiB(HeapSize), MiB(Committed));
    }

    private static string? Locate()
    {
        var candidates = new[]
        {
            Environment.GetEnvironmentVariable("DOTNET_COUNTERS"),
            Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".dotnet", "tools", "dotnet-counters"),
        }.Concat((Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':').Select(d => Path.Combine(d, "dotnet-counters")));
        return candidates.FirstOrDefault(c => !string.IsNullOrEmpty(c) && File.Exists(c));
    }
}

/// <summary>The managed heap after the last GC and what the GC had committed, in MiB.</summary>
internal sealed record ManagedHeap(double HeapMiB, double CommittedMiB);
