using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OmniaKey.Application.Messaging;
using OmniaKey.Modules.Policies.Application.Acceptances.RecordContinuedUse;

namespace OmniaKey.Modules.Policies.Infrastructure.Acceptances;

/// <summary>
/// Writes the continued-use acceptances the observer queued, up to <see cref="MaxBatch"/> per transaction, each batch
/// in its own DI scope (never inside a request's transaction). A failed batch is forgotten by the observer, so the
/// accounts' next calls queue it again.
/// </summary>
internal sealed partial class ContinuedUseWriter(TermsUsageObserver observer, IServiceScopeFactory scopes, ILogger<ContinuedUseWriter> logger) : BackgroundService
{
    public const int MaxBatch = 200;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var reader = observer.Queue;
        var batch = new List<ContinuedUse>(MaxBatch);
        try
        {
            while (await reader.WaitToReadAsync(stoppingToken))
            {
                while (batch.Count < MaxBatch && reader.TryRead(out var use))
                {
                    batch.Add(use);
                }

                await WriteAsync(batch, stoppingToken);
                batch.Clear();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: what is still queued is recorded by the accounts' next calls after the restart.
        }
    }

    private async Task WriteAsync(List<ContinuedUse> batch, CancellationToken stoppingToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<IDispatcher>().Send(new RecordContinuedUseCommand([.. batch]), stoppingToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            foreach (var use in batch)
            {
                observer.Forget(use);
            }

            LogWriteFailed(logger, batch.Count, exception);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not record {Count} acceptance(s) by continued use; they are retried on the accounts' next calls.")]
    private static partial void LogWriteFailed(ILogger logger, int count, Exception exception);
}
