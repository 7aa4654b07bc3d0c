using Microsoft.Extensions.Logging;

namespace OmniaKey.Infrastructure.Caching;

internal static partial class StaleWhileRevalidateLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Background reload of the {Cache} cache failed; stale values are served until it succeeds (retrying after {RetryAfter}, never past {MaxAge} old)")]
    public static partial void ReloadFailing(ILogger logger, string cache, TimeSpan retryAfter, TimeSpan maxAge, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Background reload of the {Cache} cache works again")]
    public static partial void ReloadRecovered(ILogger logger, string cache);
}
