using Microsoft.Extensions.Logging;

namespace OmniaKey.Infrastructure.Shutdown;

/// <summary>
/// The instance's stop, as requests and readiness see it. When the host signals stopping, readiness fails at once;
/// after <see cref="ShutdownSettings.ReadinessDelay"/> new requests are refused (503, <c>Retry-After</c>); the requests
/// already running go on until they end or <see cref="ShutdownSettings.Drain"/> has passed, when
/// <see cref="DrainExpired"/> is cancelled so that the relay ends what is still streaming (an error event, settled for
/// what was delivered). The host's stop waits for <see cref="DrainAsync"/> before the server and billing stop.
/// </summary>
public sealed partial class ShutdownDrain(ShutdownSettings settings, TimeProvider clock, ILogger<ShutdownDrain> logger) : IDisposable
{
    // The state starts at 0: running, ready, taking requests.
    private const int Unready = 1;
    private const int Refusing = 2;

    private readonly CancellationTokenSource drainExpired = new();
    private readonly TaskCompletionSource idle = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock startGate = new();
    private Task? draining;
    private int state;
    private int inFlight;

    /// <summary>True from the stop signal on: readiness reports unhealthy.</summary>
    public bool IsStopping => Volatile.Read(ref state) >= Unready;

    /// <summary>True once new requests are refused.</summary>
    public bool IsRefusing => Volatile.Read(ref state) == Refusing;

    /// <summary>Cancelled when the drain window has passed with requests still running.</summary>
    public CancellationToken DrainExpired => drainExpired.Token;

    /// <summary>Requests admitted and not yet finished.</summary>
    public int InFlight => Volatile.Read(ref inFlight);

    /// <summary>What a refused caller is told to wait: by then another instance (or this one restarted) should answer.</summary>
    public static TimeSpan RetryAfter { get; } = TimeSpan.FromSeconds(5);

    /// <summary>Counts a request in, unless new requests are refused already.</summary>
    public bool TryEnter()
    {
        // Counted first, then checked: a drain that starts refusing in between either sees this request or this
        // request sees the refusal, never neither.
        Interlocked.Increment(ref inFlight);
        if (Volatile.Read(ref state) == Refusing)
        {
            Exit();
            return false;
        }

        return true;
    }

    public void Exit()
    {
        if (Interlocked.Decrement(ref inFlight) == 0 && Volatile.Read(ref state) == Refusing)
        {
            idle.TrySetResult();
        }
    }

    /// <summary>Starts the stop (once; later calls return the same drain) and returns it.</summary>
    public Task DrainAsync()
    {
        lock (startGate)
        {
            return draining ??= RunAsync();
        }
    }

    public void Dispose() => drainExpired.Dispose();

    private async Task RunAsync()
    {
        Volatile.Write(ref state, Unready);
        LogStopping(logger, (int)settings.ReadinessDelay.TotalSeconds, (int)settings.Drain.TotalSeconds);
        if (settings.ReadinessDelay > TimeSpan.Zero)
        {
            await Task.Delay(settings.ReadinessDelay, clock).ConfigureAwait(false);
        }

        Volatile.Write(ref state, Refusing);
        if (Volatile.Read(ref inFlight) == 0)
        {
            idle.TrySetResult();
        }

        if (await FinishedWithinAsync(settings.Drain).ConfigureAwait(false))
        {
            LogDrained(logger);
            return;
        }

        LogDrainExpired(logger, InFlight);
        await drainExpired.CancelAsync().ConfigureAwait(false);
        if (!await FinishedWithinAsync(ShutdownSettings.WrapUp).ConfigureAwait(false))
        {
            LogRequestsLeft(logger, InFlight);
        }
    }

    private async Task<bool> FinishedWithinAsync(TimeSpan window)
    {
        if (idle.Task.IsCompleted)
        {
            return true;
        }

        using var stopWaiting = new CancellationTokenSource();
        var finished = await Task.WhenAny(idle.Task, Task.Delay(window, clock, stopWaiting.Token)).ConfigureAwait(false) == idle.Task;
        await stopWaiting.CancelAsync().ConfigureAwait(false);
        return finished;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopping: readiness fails now, new requests are refused in {DelaySeconds} s, running requests have {DrainSeconds} s to finish")]
    private static partial void LogStopping(ILogger logger, int delaySeconds, int drainSeconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Every running request has finished; stopping the server and billing")]
    private static partial void LogDrained(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The drain window has passed with {Requests} request(s) running; streams still open are ended with an error event")]
    private static partial void LogDrainExpired(ILogger logger, int requests);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Requests} request(s) were still running after the drain window and its wrap-up; the server will abort them")]
    private static partial void LogRequestsLeft(ILogger logger, int requests);
}
