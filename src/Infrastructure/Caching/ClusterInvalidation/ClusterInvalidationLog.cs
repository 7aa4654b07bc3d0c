using Microsoft.Extensions.Logging;

namespace OmniaKey.Infrastructure.Caching.ClusterInvalidation;

internal static partial class ClusterInvalidationLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "The cluster invalidation listener lost its connection; every cached entry that listens is evicted, and it reconnects in {Delay}")]
    public static partial void ListenerLost(ILogger logger, TimeSpan delay, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "The cluster invalidation listener is connected (connection {Connection}); cached entries were evicted in case signals were missed")]
    public static partial void ListenerConnected(ILogger logger, int connection);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sending {Count} cluster invalidation signals failed; other instances keep those entries until they reload them. Retrying in {Delay}")]
    public static partial void SendFailed(ILogger logger, int count, TimeSpan delay, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A cluster invalidation signal could not be read and was ignored")]
    public static partial void Unreadable(ILogger logger);
}
