using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace OmniaKey.Infrastructure.Startup;

/// <summary>
/// Runs every <see cref="IStartupWarmup"/> side by side in the background. Registered after the database migrator,
/// so it starts once the schema is checked and seeded; its start returns at once, so the server listens without
/// waiting for it, and a call that arrives meanwhile shares the load in flight rather than starting its own.
/// </summary>
internal sealed class StartupWarmups(IEnumerable<IStartupWarmup> warmups, ILogger<StartupWarmups> logger) : IHostedService, IDisposable
{
    private readonly CancellationTokenSource stopping = new();
    private Task warming = Task.CompletedTask;
    private int disposed;

    /// <summary>Completes when every warm-up has ended, however it ended (for tests).</summary>
    internal Task Warming => warming;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        warming = Task.WhenAll(warmups.Select(warmup => AheadOfTimeWork.Start(
            logger, $"Start-up warm-up {warmup.GetType().Name}", "the first call", () => warmup.WarmAsync(stopping.Token), stopping.Token)));
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref disposed) == 0)
        {
            await stopping.CancelAsync();
        }

        await warming.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    /// <remarks>A host may stop its services again after disposing them (a test host's disposal does).</remarks>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 0)
        {
            stopping.Dispose();
        }
    }
}
