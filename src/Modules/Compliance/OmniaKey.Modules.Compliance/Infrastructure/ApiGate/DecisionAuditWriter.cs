using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OmniaKey.Application.Messaging;
using OmniaKey.Modules.Compliance.Application.Decisions.RecordApiDecisions;

namespace OmniaKey.Modules.Compliance.Infrastructure.ApiGate;

/// <summary>
/// Writes the gate's decisions: waits for one, takes everything already queued (up to <see cref="MaxBatchSize"/>),
/// and inserts the batch with one command in a scope of its own (its own connection and transaction, never a
/// request's). At shutdown it stops taking new decisions and drains the queue before the host stops. A batch that
/// fails is retried a few times and then given up on, logged: losing an audit row must not stop the gateway
/// (docs/adr/0025 says what a crash can lose).
/// </summary>
internal sealed partial class DecisionAuditWriter(DecisionAuditQueue queue, IServiceScopeFactory scopes, ILogger<DecisionAuditWriter> logger)
    : IHostedService
{
    public const int MaxBatchSize = 256;
    private const int MaxAttempts = 3;

    private Task? loop;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        loop = Task.Run(RunAsync, CancellationToken.None);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        queue.Complete();
        if (loop is not null)
        {
            // Drains what is queued; the host's shutdown timeout is the limit.
            await loop.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private async Task RunAsync()
    {
        var batch = new List<TimedDecision>(MaxBatchSize);
        while (await queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            long last = 0;
            batch.Clear();
            while (batch.Count < MaxBatchSize && queue.Reader.TryRead(out var item))
            {
                batch.Add(item.Decision);
                last = item.Sequence;
            }

            await WriteAsync(batch).ConfigureAwait(false);
            queue.MarkWritten(last);
        }
    }

    private async Task WriteAsync(List<TimedDecision> batch)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<IDispatcher>()
                    .Send(new RecordApiDecisionsCommand([.. batch]), CancellationToken.None).ConfigureAwait(false);
                return;
            }
            catch (Exception e) when (attempt < MaxAttempts)
            {
                LogRetrying(e, batch.Count, attempt);
                await Task.Delay(TimeSpan.FromMilliseconds(100 * attempt)).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                LogLost(e, batch.Count);
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Writing {Count} /v1 decisions failed (attempt {Attempt}); retrying")]
    private partial void LogRetrying(Exception exception, int count, int attempt);

    [LoggerMessage(Level = LogLevel.Error, Message = "Writing {Count} /v1 decisions failed for good; they are missing from the decision log")]
    private partial void LogLost(Exception exception, int count);
}
