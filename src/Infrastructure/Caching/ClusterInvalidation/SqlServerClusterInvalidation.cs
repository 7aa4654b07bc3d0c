using System.Data;
using Microsoft.Data.SqlClient;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OmniaKey.Infrastructure.Persistence;

namespace OmniaKey.Infrastructure.Caching.ClusterInvalidation;

/// <summary>
/// SQL Server: signals are rows of <c>messaging.cluster_invalidations</c>, inserted right after the change commits and
/// read by every instance every <see cref="ClusterInvalidationOptions.PollInterval"/>
/// (docs/adr/0032-cluster-wide-invalidation.md). Identity values can commit out of order (two instances inserting at
/// once), so each poll also re-reads the last few seconds and skips the ids it has already handled. Rows older than
/// an hour are deleted. After a failed poll every subscriber forgets everything once it works again.
/// </summary>
internal sealed class SqlServerClusterInvalidation(
    DatabaseOptions database,
    ClusterInvalidationOptions options,
    ILogger<SqlServerClusterInvalidation> logger) : BackgroundService, IClusterInvalidation
{
    internal const string CreateTableSql = """
        CREATE TABLE messaging.cluster_invalidations (
            id bigint IDENTITY(1,1) NOT NULL CONSTRAINT pk_cluster_invalidations PRIMARY KEY,
            origin char(32) NOT NULL,
            topic nvarchar(100) NOT NULL,
            item nvarchar(400) NOT NULL,
            created_at datetime2 NOT NULL CONSTRAINT df_cluster_invalidations_created_at DEFAULT SYSUTCDATETIME()
        );
        CREATE INDEX ix_cluster_invalidations_created_at ON messaging.cluster_invalidations (created_at);
        """;

    internal const string InsertSql =
        "INSERT INTO messaging.cluster_invalidations (origin, topic, item) VALUES (@origin, @topic, @item);";

    internal const string StartSql = "SELECT COALESCE(MAX(id), 0) FROM messaging.cluster_invalidations;";

    /// <summary>Everything after the last id handled, and everything of the last five seconds (late commits).</summary>
    internal const string PollSql = """
        SELECT id, origin, topic, item FROM messaging.cluster_invalidations
        WHERE id > @after OR created_at >= DATEADD(SECOND, -5, SYSUTCDATETIME())
        ORDER BY id;
        """;

    internal const string CleanUpSql =
        "DELETE FROM messaging.cluster_invalidations WHERE created_at < DATEADD(HOUR, -1, SYSUTCDATETIME());";

    private static readonly TimeSpan CleanUpEvery = TimeSpan.FromMinutes(10);

    private readonly ClusterInvalidationSubscribers subscribers = new();
    private readonly string origin = Guid.NewGuid().ToString("N");
    private readonly Dictionary<long, DateTimeOffset> handled = [];

    public void Publish(string topic, string id)
    {
        subscribers.Evict(topic, id);
        _ = InsertAsync(topic, id); // never awaited by the publisher, which runs after its commit; failures are logged
    }

    public IDisposable Subscribe(string topic, Action<string> evict, Action evictAll) => subscribers.Add(topic, evict, evictAll);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        long after = -1;
        var lastCleanUp = DateTimeOffset.MinValue;
        var delay = options.PollInterval;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new SqlConnection(database.ConnectionString);
                await connection.OpenAsync(stoppingToken).ConfigureAwait(false);
                if (after < 0)
                {
                    await using var start = new SqlCommand(StartSql, connection);
                    after = Convert.ToInt64(await start.ExecuteScalarAsync(stoppingToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
                    subscribers.EvictEverything(); // anything cached before this point was never checked against signals
                }

                after = await PollAsync(connection, after, stoppingToken).ConfigureAwait(false);
                if (DateTimeOffset.UtcNow - lastCleanUp > CleanUpEvery)
                {
                    await using var cleanUp = new SqlCommand(CleanUpSql, connection);
                    await cleanUp.ExecuteNonQueryAsync(stoppingToken).ConfigureAwait(false);
                    lastCleanUp = DateTimeOffset.UtcNow;
                }

                delay = options.PollInterval;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                after = -1; // start again from the newest row, forgetting everything once it works
                ClusterInvalidationLog.ListenerLost(logger, delay, exception);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, ClusterInvalidationOptions.MaxReconnectDelay.Ticks));
            }

            try
            {
                await Task.Delay(delay, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task<long> PollAsync(SqlConnection connection, long after, CancellationToken cancellationToken)
    {
        await using var poll = new SqlCommand(PollSql, connection);
        poll.Parameters.Add("@after", SqlDbType.BigInt).Value = after;
        await using var reader = await poll.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var now = DateTimeOffset.UtcNow;
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var id = reader.GetInt64(0);
            after = Math.Max(after, id);
            if (handled.TryAdd(id, now) && reader.GetString(1) != origin)
            {
                subscribers.Evict(reader.GetString(2), reader.GetString(3));
            }
        }

        foreach (var old in handled.Where(pair => now - pair.Value > TimeSpan.FromMinutes(1)).Select(pair => pair.Key).ToList())
        {
            handled.Remove(old);
        }

        return after;
    }

    private async Task InsertAsync(string topic, string id)
    {
        var delay = options.ReconnectDelay;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var connection = new SqlConnection(database.ConnectionString);
                await connection.OpenAsync().ConfigureAwait(false);
                await using var insert = new SqlCommand(InsertSql, connection);
                insert.Parameters.Add("@origin", SqlDbType.Char, 32).Value = origin;
                insert.Parameters.Add("@topic", SqlDbType.NVarChar, 100).Value = topic;
                insert.Parameters.Add("@item", SqlDbType.NVarChar, 400).Value = id;
                await insert.ExecuteNonQueryAsync().ConfigureAwait(false);
                return;
            }
            catch (Exception exception)
            {
                ClusterInvalidationLog.SendFailed(logger, 1, delay, exception);
                if (attempt == 5)
                {
                    return; // other instances keep the entry at most until they reload it (the caches' hard bound)
                }

                await Task.Delay(delay).ConfigureAwait(false);
                delay *= 2;
            }
        }
    }
}
