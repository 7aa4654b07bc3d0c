using System.Collections.Concurrent;
using System.Diagnostics;

namespace OmniaKey.IntegrationTests.Infrastructure;

/// <summary>
/// Records every command Npgsql runs against one database, through Npgsql's own <c>ActivitySource</c> (one activity
/// per command or batch, with its SQL in <c>db.query.text</c>). Other tests' databases are ignored, so tests running
/// in parallel do not disturb the count. Physical connection opens are left out.
/// </summary>
internal sealed class PostgresCommandRecorder : IDisposable
{
    private readonly ActivityListener listener;
    private readonly ConcurrentQueue<string> commands = new();

    public PostgresCommandRecorder(string database)
    {
        listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Npgsql",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                // A physical connection being opened (Npgsql's CONNECT activity) is not a command: when a pool opens
                // one depends on what else was in flight, not on what the call asked of the database.
                if (activity.GetTagItem("db.namespace") as string == database && !activity.DisplayName.StartsWith("CONNECT", StringComparison.Ordinal))
                {
                    commands.Enqueue(activity.GetTagItem("db.query.text") as string ?? $"<{activity.DisplayName}>");
                }
            },
        };
        ActivitySource.AddActivityListener(listener);
    }

    public IReadOnlyList<string> Commands => [.. commands];

    public void Clear() => commands.Clear();

    public void Dispose() => listener.Dispose();
}
