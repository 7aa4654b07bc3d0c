using Microsoft.Extensions.Logging;

namespace OmniaKey.Infrastructure.Startup;

/// <summary>
/// Runs a piece of start-up work in the background, ahead of whatever would otherwise do it on the critical path (the
/// schema check, the request pipeline, the first call). Such work may fail without harm, since what needs it does it
/// again and reports a lasting fault there: a failure is logged at Information and never thrown (docs/adr/0051).
/// </summary>
internal static partial class AheadOfTimeWork
{
    /// <summary>Starts <paramref name="work"/> on the thread pool; the task returned ends however the work ends.</summary>
    /// <param name="logger">Where a failure is logged.</param>
    /// <param name="what">What the work is, for the log line.</param>
    /// <param name="redoneBy">What does the work if this fails, for the log line.</param>
    /// <param name="work">The work.</param>
    /// <param name="stopping">When cancelled, a failure is the instance stopping, not worth a line.</param>
    public static Task Start(ILogger logger, string what, string redoneBy, Func<Task> work, CancellationToken stopping = default) =>
        Task.Run(async () =>
        {
            try
            {
                await work().ConfigureAwait(false);
            }
            catch (Exception e) when (!stopping.IsCancellationRequested)
            {
                LogFailed(logger, e, what, redoneBy);
            }
            catch (Exception) when (stopping.IsCancellationRequested)
            {
                // Stopping: whatever the work was for will not be needed.
            }
        }, CancellationToken.None);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Work} ahead of time failed; {RedoneBy} will do it")]
    private static partial void LogFailed(ILogger logger, Exception exception, string work, string redoneBy);
}
