using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace OmniaKey.Infrastructure.Messaging;

/// <summary>
/// Delivers what immediate delivery did not: events whose handler failed (after their retry delay), and events
/// committed just before a process stopped. Runs on every instance; the outbox lease keeps them out of each other's way.
/// </summary>
internal sealed partial class OutboxWorker(OutboxProcessor processor, OutboxOptions options, TimeProvider clock, ILogger<OutboxWorker> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await processor.DeliverDueAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                LogSweepFailed(e);
            }

            try
            {
                await Task.Delay(options.PollInterval, clock, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The outbox sweep failed; trying again at the next interval")]
    private partial void LogSweepFailed(Exception exception);
}
