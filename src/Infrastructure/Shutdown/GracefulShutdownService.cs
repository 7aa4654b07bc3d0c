using Microsoft.Extensions.Hosting;

namespace OmniaKey.Infrastructure.Shutdown;

/// <summary>
/// Ties the drain to the host: the stop signal (SIGTERM, Ctrl+C, <see cref="IHostApplicationLifetime.StopApplication"/>)
/// starts it, and the host's stopping phase — which runs before any hosted service stops, the web server and billing's
/// group commit included — waits for it. So the server stops with no request running and the group commit then applies
/// every settlement the drained calls queued.
/// </summary>
internal sealed class GracefulShutdownService(ShutdownDrain drain, IHostApplicationLifetime lifetime) : IHostedLifecycleService
{
    private CancellationTokenRegistration stopping;

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        stopping = lifetime.ApplicationStopping.Register(static state => ((ShutdownDrain)state!).DrainAsync(), drain);
        return Task.CompletedTask;
    }

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => drain.DrainAsync().WaitAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => stopping.DisposeAsync().AsTask();

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
