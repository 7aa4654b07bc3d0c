using System.Net;
using Microsoft.Extensions.Logging;
using OmniaKey.IntegrationTests.Infrastructure.Geo;
using OmniaKey.Modules.Compliance.Infrastructure.Geo;
using Xunit;

namespace OmniaKey.IntegrationTests.Compliance.Geo;

/// <summary>The country database read from a real MaxMind-format file: both layouts, reloads, broken and missing files.</summary>
public sealed class MaxMindIpCountryDatabaseTests : IDisposable
{
    private static readonly TimeSpan Debounce = TimeSpan.FromMilliseconds(50);

    private readonly GeoTestFiles files = new();
    private readonly RecordingLogger<MaxMindIpCountryDatabase> logger = new();

    public void Dispose() => files.Dispose();

    [Theory]
    [InlineData(MaxMindDbLayout.GeoLite2Country)]
    [InlineData(MaxMindDbLayout.GeoLite2RegisteredCountryOnly)]
    [InlineData(MaxMindDbLayout.Flat)]
    public void Each_layout_resolves_IPv4_and_IPv6_including_nested_ranges(MaxMindDbLayout layout)
    {
        files.WriteDatabase(layout, ("1.2.0.0/16", "CN"), ("1.2.3.4", "HK"), ("2001:db8::/32", "TW"), ("2001:db8:1::/48", "MO"));
        using var database = Open();

        Assert.Equal("CN", Find(database, "1.2.200.7"));
        Assert.Equal("HK", Find(database, "1.2.3.4"));
        Assert.Equal("TW", Find(database, "2001:db8:ffff::1"));
        Assert.Equal("MO", Find(database, "2001:db8:1::1"));
        Assert.Equal("HK", Find(database, "::ffff:1.2.3.4"));
        Assert.Null(Find(database, "9.9.9.9"));
        Assert.Null(Find(database, "2001:db9::1"));
        Assert.Empty(logger.At(LogLevel.Warning));
    }

    [Fact]
    public void Located_country_wins_over_registered_country_and_codes_are_upper_cased_or_ignored()
    {
        var located = new Dictionary<string, object>
        {
            ["country"] = new Dictionary<string, object> { ["iso_code"] = "hk" },
            ["registered_country"] = new Dictionary<string, object> { ["iso_code"] = "CN" },
        };
        var badLocatedFallsBack = new Dictionary<string, object>
        {
            ["country"] = new Dictionary<string, object> { ["iso_code"] = "C1" },
            ["registered_country"] = new Dictionary<string, object> { ["iso_code"] = "mo" },
        };
        File.WriteAllBytes(files.DatabasePath, MaxMindDbWriter.Build(
        [
            ("10.0.0.0/24", located),
            ("10.0.1.0/24", badLocatedFallsBack),
            ("10.0.2.0/24", new Dictionary<string, object> { ["country_code"] = "CHN" }),
            ("10.0.3.0/24", new Dictionary<string, object> { ["country_code"] = "" }),
            ("10.0.4.0/24", new Dictionary<string, object> { ["country_code"] = "tW" }),
            ("10.0.5.0/24", new Dictionary<string, object> { ["country_code"] = "é1" }),
            ("10.0.6.0/24", new Dictionary<string, object> { ["city"] = "nowhere" }),
        ]));
        using var database = Open();

        Assert.Equal("HK", Find(database, "10.0.0.1"));
        Assert.Equal("MO", Find(database, "10.0.1.1"));
        Assert.Null(Find(database, "10.0.2.1"));
        Assert.Null(Find(database, "10.0.3.1"));
        Assert.Equal("TW", Find(database, "10.0.4.1"));
        Assert.Null(Find(database, "10.0.5.1"));
        Assert.Null(Find(database, "10.0.6.1"));
    }

    [Fact]
    public void IPv6_addresses_are_unknown_in_an_IPv4_only_database()
    {
        File.WriteAllBytes(files.DatabasePath, MaxMindDbWriter.Build(
            [("1.2.3.0/24", MaxMindDbWriter.CountryData(MaxMindDbLayout.Flat, "CN"))],
            new MaxMindDbOptions(IpVersion: 4)));
        using var database = Open();

        Assert.Equal("CN", Find(database, "1.2.3.9"));
        Assert.Equal("CN", Find(database, "::ffff:1.2.3.9"));
        Assert.Null(Find(database, "2001:db8::1"));
    }

    [Fact]
    public async Task A_database_renamed_over_the_old_one_is_picked_up()
    {
        files.WriteDatabase(MaxMindDbLayout.GeoLite2Country, ("1.2.3.0/24", "CN"));
        using var database = Open();
        Assert.Equal("CN", Find(database, "1.2.3.4"));

        files.ReplaceByRename(MaxMindDbWriter.Build(MaxMindDbLayout.Flat, [("1.2.3.0/24", "HK")]));

        await GeoTestFiles.EventuallyAsync(() => Find(database, "1.2.3.4") == "HK", "the renamed database answers");
    }

    [Fact]
    public async Task A_database_overwritten_in_place_is_picked_up()
    {
        files.WriteDatabase(MaxMindDbLayout.Flat, ("1.2.3.0/24", "CN"));
        using var database = Open();
        Assert.Equal("CN", Find(database, "1.2.3.4"));

        files.Overwrite(MaxMindDbWriter.Build(MaxMindDbLayout.Flat, [("1.2.3.0/24", "MO"), ("5.6.7.0/24", "TW")]));

        await GeoTestFiles.EventuallyAsync(() => Find(database, "5.6.7.8") == "TW", "the overwritten database answers");
        Assert.Equal("MO", Find(database, "1.2.3.4"));
    }

    [Fact]
    public async Task A_corrupt_replacement_keeps_the_old_answers_and_logs_an_error_until_a_good_file_comes()
    {
        files.WriteDatabase(MaxMindDbLayout.GeoLite2Country, ("1.2.3.0/24", "CN"));
        using var database = Open();

        var good = MaxMindDbWriter.Build(MaxMindDbLayout.GeoLite2Country, [("1.2.3.0/24", "HK")]);
        files.ReplaceByRename(good[..(good.Length / 2)]);

        await GeoTestFiles.EventuallyAsync(() => logger.At(LogLevel.Error).Count > 0, "the broken file is reported");
        Assert.Contains("previous one keeps answering", logger.At(LogLevel.Error)[0], StringComparison.Ordinal);
        Assert.Equal("CN", Find(database, "1.2.3.4"));

        files.ReplaceByRename(good);
        await GeoTestFiles.EventuallyAsync(() => Find(database, "1.2.3.4") == "HK", "the repaired database answers");
    }

    [Fact]
    public async Task A_missing_file_warns_once_resolves_nothing_and_is_loaded_when_it_appears()
    {
        using var database = Open();

        Assert.Null(Find(database, "1.2.3.4"));
        Assert.Null(Find(database, "2001:db8::1"));
        var warning = Assert.Single(logger.At(LogLevel.Warning));
        Assert.Contains(files.DatabasePath, warning, StringComparison.Ordinal);
        Assert.Contains("rest on the other signals", warning, StringComparison.Ordinal);

        files.ReplaceByRename(MaxMindDbWriter.Build(MaxMindDbLayout.Flat, [("1.2.3.0/24", "CN")]));

        await GeoTestFiles.EventuallyAsync(() => Find(database, "1.2.3.4") == "CN", "the new database answers");
        Assert.Single(logger.At(LogLevel.Warning));
    }

    [Fact]
    public void An_unreadable_file_at_start_up_warns_once_and_resolves_nothing()
    {
        File.WriteAllBytes(files.DatabasePath, "not a database"u8.ToArray());
        using var database = Open();

        Assert.Null(Find(database, "1.2.3.4"));
        var warning = Assert.Single(logger.At(LogLevel.Warning));
        Assert.Contains("cannot be read as a MaxMind database", warning, StringComparison.Ordinal);
        Assert.Empty(logger.At(LogLevel.Error));
    }

    [Fact]
    public async Task An_emptied_file_keeps_the_old_answers()
    {
        files.WriteDatabase(MaxMindDbLayout.Flat, ("1.2.3.0/24", "CN"));
        using var database = Open();

        files.Overwrite([]);

        await GeoTestFiles.EventuallyAsync(() => logger.At(LogLevel.Error).Count > 0, "the empty file is reported");
        Assert.Equal("CN", Find(database, "1.2.3.4"));
    }

    [Fact]
    public void A_path_in_a_missing_directory_warns_once_that_only_a_restart_will_load_it()
    {
        using var database = new MaxMindIpCountryDatabase(
            Path.Combine(files.Directory, "absent", "country.mmdb"), logger, TimeProvider.System, Debounce);

        Assert.Null(Find(database, "1.2.3.4"));
        Assert.Contains("only a restart will load it", Assert.Single(logger.At(LogLevel.Warning)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("  ")]
    public void Without_a_configured_path_it_warns_once_and_resolves_nothing(string? path)
    {
        using var database = new MaxMindIpCountryDatabase(path, logger, TimeProvider.System, Debounce);

        Assert.Null(Find(database, "1.2.3.4"));
        Assert.Null(database.DatabasePath);
        Assert.Contains(MaxMindIpCountryDatabase.DatabasePathKey, Assert.Single(logger.At(LogLevel.Warning)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lookups_running_through_many_reloads_always_see_a_whole_database()
    {
        var china = MaxMindDbWriter.Build(MaxMindDbLayout.GeoLite2Country, [("1.2.3.0/24", "CN")]);
        var hongKong = MaxMindDbWriter.Build(MaxMindDbLayout.Flat, [("1.2.3.0/24", "HK")]);
        File.WriteAllBytes(files.DatabasePath, china);
        using var database = new MaxMindIpCountryDatabase(files.DatabasePath, logger, TimeProvider.System, Timeout.InfiniteTimeSpan);
        var address = IPAddress.Parse("1.2.3.4");

        using var stop = new CancellationTokenSource();
        var seen = new System.Collections.Concurrent.ConcurrentDictionary<string, int>();
        var readers = Enumerable.Range(0, 3).Select(_ => Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                seen.AddOrUpdate(database.FindCountry(address) ?? "null", 1, (_, n) => n + 1);
            }
        })).ToArray();

        for (var i = 0; i < 40; i++)
        {
            File.WriteAllBytes(files.DatabasePath, i % 2 == 0 ? hongKong : china);
            database.Reload();
        }

        stop.Cancel();
        await Task.WhenAll(readers);
        Assert.Subset(new HashSet<string> { "CN", "HK" }, seen.Keys.ToHashSet());
        Assert.Empty(logger.At(LogLevel.Error));
        Assert.Equal("CN", database.FindCountry(address));
    }

    [Fact]
    public void After_dispose_nothing_is_known_and_a_late_reload_does_nothing()
    {
        files.WriteDatabase(MaxMindDbLayout.Flat, ("1.2.3.0/24", "CN"));
        var database = Open();
        database.Dispose();

        database.Reload();

        Assert.Null(Find(database, "1.2.3.4"));
    }

    private MaxMindIpCountryDatabase Open() => new(files.DatabasePath, logger, TimeProvider.System, Debounce);

    private static string? Find(MaxMindIpCountryDatabase database, string address) => database.FindCountry(IPAddress.Parse(address));
}
