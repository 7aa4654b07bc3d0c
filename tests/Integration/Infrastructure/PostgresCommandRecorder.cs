using System.Collections.Concurrent;
using System.Diagnostics;

namespace OmniaKey.IntegrationTests.Infrastructure;

/// <summary>
/// Records every command Npgsql runs against one database, through Npgsql's own <c>ActivitySource</c> (one activity
/// per command or batch, with its SQL in <c>db.query.text</c>). Other tests' databases are ignored, so tests running
/// in parallel do not disturb the count.
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
                if (activity.GetTagItem("db.namespace") as string == database)
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
