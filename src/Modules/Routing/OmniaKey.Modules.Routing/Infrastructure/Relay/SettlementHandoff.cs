using Microsoft.Extensions.Logging;

namespace OmniaKey.Modules.Routing.Infrastructure.Relay;

/// <summary>
/// Leaves a queued settlement to billing once the client has its whole answer: the request ends without waiting for
/// the commit, so its connection is free for the next request at once (ADR 0019). Billing's group commit owns the
/// settlement from here and applies what is queued before the process stops; a failure is logged here, since no
/// caller is left to see it.
/// </summary>
internal static partial class SettlementHandoff
{
    public static void Release(Task settling, ILogger logger, string requestId)
    {
        if (settling.IsCompletedSuccessfully)
        {
            return;
        }

        _ = settling.ContinueWith(
            static (failed, state) =>
            {
                var (logger, requestId) = ((ILogger, string))state!;
                LogFailed(logger, failed.Exception!, requestId);
            },
            (logger, requestId),
            CancellationToken.None,
            TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The settlement of call {RequestId} failed; its hold stays until the clean-up job expires it")]
    private static partial void LogFailed(ILogger logger, Exception exception, string requestId);
}
