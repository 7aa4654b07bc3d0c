using OmniaKey.IntegrationTests.Infrastructure.Geo;
using Xunit;

namespace OmniaKey.IntegrationTests.Compliance.Geo;

/// <summary>A scratch directory for database files, removed afterwards, and the ways an updater puts a file in place.</summary>
public sealed class GeoTestFiles : IDisposable
{
    public GeoTestFiles()
    {
        Directory = Path.Combine(Path.GetTempPath(), $"omniakey-geo-{Guid.NewGuid():N}");
        System.IO.Directory.CreateDirectory(Directory);
        DatabasePath = Path.Combine(Directory, "country.mmdb");
    }

    public string Directory { get; }

    public string DatabasePath { get; }

    /// <summary>Writes a temporary file beside the database and renames it over the database, as geoipupdate does.</summary>
    public void ReplaceByRename(byte[] contents)
    {
        var temporary = Path.Combine(Directory, $"country.mmdb.{Guid.NewGuid():N}.tmp");
        File.WriteAllBytes(temporary, contents);
        File.Move(temporary, DatabasePath, overwrite: true);
    }

    public void Overwrite(byte[] contents) => File.WriteAllBytes(DatabasePath, contents);

    public void WriteDatabase(MaxMindDbLayout layout, params (string Cidr, string Country)[] networks) =>
        MaxMindDbWriter.Write(DatabasePath, layout, networks);

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A scratch directory left in /tmp is harmless.
        }
    }

    /// <summary>Polls until <paramref name="condition"/> holds, for at most ten seconds, in 20 ms steps.</summary>
    public static async Task EventuallyAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Not within 10 s: {what}");
            }

            await Task.Delay(20);
        }
    }
}
