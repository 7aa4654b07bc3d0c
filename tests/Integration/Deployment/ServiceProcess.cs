using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace OmniaKey.IntegrationTests.Deployment;

/// <summary>
/// A program started as a real process (<c>dotnet &lt;dll&gt;</c>, working directory = its build output, so it finds its
/// appsettings.json) on a free loopback port, its console output kept for failure messages and log checks. Disposing
/// kills it and its children, whatever state the test left it in.
/// </summary>
internal sealed class ServiceProcess : IDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();
    private bool started;

    private ServiceProcess(string name, Process process, int port)
    {
        Name = name;
        this.process = process;
        Port = port;
    }

    public string Name { get; }

    public int Port { get; }

    public Uri BaseAddress => new($"http://127.0.0.1:{Port}/");

    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    /// <summary>Prepared on a free port, not started yet: <see cref="Start()"/>.</summary>
    public static ServiceProcess Create(string name, string dll, IReadOnlyDictionary<string, string> environment)
    {
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["Logging__Console__FormatterName"] = "simple";
        start.Environment["Logging__Console__FormatterOptions__SingleLine"] = "true";
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = new Process { StartInfo = start };
        var service = new ServiceProcess(name, process, port);
        process.OutputDataReceived += (_, e) => service.Append(e.Data);
        process.ErrorDataReceived += (_, e) => service.Append(e.Data);
        return service;
    }

    public void Start()
    {
        process.Start();
        started = true;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>Polls <paramref name="path"/> until it answers 200; fails with the process's output if it exits or takes too long.</summary>
    public async Task WaitUntilAsync(string path, TimeSpan within)
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + within;
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"{Name} exited with {process.ExitCode} before {path} answered:\n{Output}");
            }

            try
            {
                using var response = await client.GetAsync(path);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{Name}: {path} did not answer 200 within {within}:\n{Output}");
            }

            await Task.Delay(100);
        }
    }

    public void Kill()
    {
        try
        {
            if (started && !process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // Never started or already gone.
        }
    }

    public void Dispose()
    {
        Kill();
        process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }
}
