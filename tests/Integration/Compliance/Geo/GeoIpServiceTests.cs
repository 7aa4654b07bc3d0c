using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OmniaKey.IntegrationTests.Infrastructure;
using OmniaKey.IntegrationTests.Infrastructure.Geo;
using OmniaKey.Modules.Compliance.Application.Geo;
using OmniaKey.Modules.Compliance.Infrastructure.Geo;
using Xunit;

namespace OmniaKey.IntegrationTests.Compliance.Geo;

/// <summary>Country resolution as the service wires it: configuration keys, overrides before the database, start-up and shutdown.</summary>
public sealed class GeoIpServiceTests : IDisposable
{
    private readonly GeoTestFiles files = new();
    private readonly RecordingLoggerProvider logs = new();

    public void Dispose() => files.Dispose();

    [Fact]
    public async Task Overrides_win_over_the_database_which_is_loaded_at_start_up_and_freed_at_shutdown()
    {
        files.WriteDatabase(MaxMindDbLayout.GeoLite2Country, ("1.2.3.0/24", "CN"), ("5.6.7.0/24", "HK"), ("2001:db8::/32", "CN"));
        var app = Start(new()
        {
            [MaxMindIpCountryDatabase.DatabasePathKey] = files.DatabasePath,
            [IpCountryOverrides.SettingKey] = "1.2.3.128/25=TW, 2001:db8:1::/48=MO",
        });
        await app.InitializeAsync();
        var resolver = app.Services.GetRequiredService<IIpCountryResolver>();
        var database = app.Services.GetRequiredService<IIpCountryDatabase>();

        Assert.Contains(logs.Messages(LogLevel.Information), m => m.Contains(files.DatabasePath, StringComparison.Ordinal));
        Assert.Equal(new IpCountry("CN", IpCountry.Database), resolver.Resolve(IPAddress.Parse("1.2.3.4")));
        Assert.Equal(new IpCountry("TW", IpCountry.Override), resolver.Resolve(IPAddress.Parse("1.2.3.200")));
        Assert.Equal(new IpCountry("HK", IpCountry.Database), resolver.Resolve(IPAddress.Parse("::ffff:5.6.7.8")));
        Assert.Equal(new IpCountry("MO", IpCountry.Override), resolver.Resolve(IPAddress.Parse("2001:db8:1::1")));
        Assert.Equal(new IpCountry("CN", IpCountry.Database), resolver.Resolve(IPAddress.Parse("2001:db8:2::1")));
        Assert.Null(resolver.Resolve(IPAddress.Parse("9.9.9.9")));
        Assert.DoesNotContain(logs.Messages(LogLevel.Warning), m => m.Contains("IP country", StringComparison.Ordinal));

        await app.DisposeAsync();

        Assert.Null(database.FindCountry(IPAddress.Parse("1.2.3.4")));
    }

    [Fact]
    public async Task Without_a_database_the_service_starts_warns_once_and_decides_on_overrides_alone()
    {
        await using var app = Start(new() { [IpCountryOverrides.SettingKey] = "1.2.3.0/24=CN" });
        await app.InitializeAsync();
        var resolver = app.Services.GetRequiredService<IIpCountryResolver>();

        Assert.Equal(new IpCountry("CN", IpCountry.Override), resolver.Resolve(IPAddress.Parse("1.2.3.4")));
        Assert.Null(resolver.Resolve(IPAddress.Parse("5.6.7.8")));
        Assert.Null(resolver.Resolve(IPAddress.Parse("5.6.7.9")));

        var warning = Assert.Single(logs.Messages(LogLevel.Warning), m => m.Contains("No IP country database", StringComparison.Ordinal));
        Assert.Contains(MaxMindIpCountryDatabase.DatabasePathKey, warning, StringComparison.Ordinal);
    }

    private OmniaKeyAppFactory Start(Dictionary<string, string?> settings) => new(
        DatabaseKind.Sqlite,
        "http://127.0.0.1:9",
        "unused",
        settings,
        services => services.AddSingleton<ILoggerProvider>(logs));

    /// <summary>Collects what the hosted service logs, from every category.</summary>
    private sealed class RecordingLoggerProvider : ILoggerProvider
    {
        private readonly ConcurrentQueue<(LogLevel Level, string Message)> entries = new();

        public IReadOnlyList<string> Messages(LogLevel level) => [.. entries.Where(e => e.Level == level).Select(e => e.Message)];

        public ILogger CreateLogger(string categoryName) => new Logger(entries);

        public void Dispose()
        {
        }

        private sealed class Logger(ConcurrentQueue<(LogLevel Level, string Message)> entries) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                entries.Enqueue((logLevel, formatter(state, exception)));
        }
    }
}
