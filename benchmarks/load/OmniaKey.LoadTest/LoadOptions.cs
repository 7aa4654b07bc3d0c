using System.Globalization;

namespace OmniaKey.LoadTest;

/// <summary>Command-line options; every one has a default so that a bare run works.</summary>
/// <param name="DataRoot">Where the gateway's SQLite file goes: the temp directory (a disk) by default.</param>
/// <param name="Postgres">
/// A PostgreSQL server (Npgsql connection string of a user who may create databases): the gateway's billing then runs
/// on a fresh database there instead of SQLite, as in a multi-instance deployment.
/// </param>
internal sealed record LoadOptions(int Requests, IReadOnlyList<int> Concurrency, int Warmup, bool Stream, string DataRoot, string? Postgres = null)
{
    public static LoadOptions Parse(string[] args)
    {
        var options = new LoadOptions(2000, [1, 16], 500, false, Path.GetTempPath());
        for (var i = 0; i < args.Length; i++)
        {
            options = args[i] switch
            {
                "--requests" or "-n" => options with { Requests = int.Parse(args[++i], CultureInfo.InvariantCulture) },
                "--concurrency" or "-c" => options with { Concurrency = args[++i].Split(',').Select(c => int.Parse(c, CultureInfo.InvariantCulture)).ToList() },
                "--warmup" => options with { Warmup = int.Parse(args[++i], CultureInfo.InvariantCulture) },
                "--stream" => options with { Stream = true },
                "--data-dir" => options with { DataRoot = args[++i] },
                "--postgres" => options with { Postgres = args[++i] },
                _ => throw new ArgumentException($"Unknown option {args[i]}. Options: --requests N, --concurrency 1,16, --warmup N, --stream, --data-dir DIR, --postgres CONNECTION_STRING"),
            };
        }

        return options;
    }
}
