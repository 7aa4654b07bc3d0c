using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using OmniaKey.Infrastructure.Shutdown;
using Xunit;

namespace OmniaKey.UnitTests.Shutdown;

public sealed class ShutdownDrainTests
{
    private readonly FakeTimeProvider clock = new();

    [Fact]
    public async Task A_drain_with_nothing_running_ends_at_once_and_refuses_from_then_on()
    {
        using var drain = Create(delay: 0, drainSeconds: 30);

        await drain.DrainAsync().WaitAsync(TimeSpan.FromSeconds(5));

        Assert.True(drain.IsStopping);
        Assert.True(drain.IsRefusing);
        Assert.False(drain.TryEnter());
        Assert.Equal(0, drain.InFlight);
        Assert.False(drain.DrainExpired.IsCancellationRequested);
    }

    [Fact]
    public async Task The_readiness_delay_keeps_taking_requests_while_already_unready()
    {
        using var drain = Create(delay: 5, drainSeconds: 30);

        var draining = drain.DrainAsync();

        Assert.True(drain.IsStopping);
        Assert.False(drain.IsRefusing);
        Assert.True(drain.TryEnter());
        clock.Advance(TimeSpan.FromSeconds(5));
        await WaitUntilAsync(() => drain.IsRefusing);
        Assert.False(drain.TryEnter());
        Assert.False(draining.IsCompleted);

        drain.Exit();
        await draining.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.False(drain.DrainExpired.IsCancellationRequested);
    }

    [Fact]
    public async Task Requests_still_running_when_the_window_ends_are_told_to_wrap_up()
    {
        using var drain = Create(delay: 0, drainSeconds: 30);
        Assert.True(drain.TryEnter());
        Assert.True(drain.TryEnter());

        var draining = drain.DrainAsync();
        drain.Exit();
        clock.Advance(TimeSpan.FromSeconds(29));
        Assert.False(drain.DrainExpired.IsCancellationRequested);
        Assert.False(draining.IsCompleted);

        clock.Advance(TimeSpan.FromSeconds(1));
        await WaitUntilAsync(() => drain.DrainExpired.IsCancellationRequested);
        Assert.False(draining.IsCompleted);

        drain.Exit();
        await draining.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Same(draining, drain.DrainAsync());
    }

    [Fact]
    public void Settings_default_to_a_thirty_second_drain_and_give_the_host_time_for_all_of_it()
    {
        var settings = ShutdownSettings.FromConfiguration(new ConfigurationBuilder().Build());

        Assert.Equal(TimeSpan.FromSeconds(30), settings.Drain);
        Assert.Equal(TimeSpan.Zero, settings.ReadinessDelay);
        Assert.True(settings.HostShutdownTimeout > settings.Drain + ShutdownSettings.WrapUp);
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("ten")]
    [InlineData("3601")]
    public void A_drain_that_is_not_a_whole_number_of_seconds_stops_start_up_naming_the_key(string value)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Shutdown:DrainSeconds"] = value }).Build();

        var error = Assert.Throws<InvalidOperationException>(() => ShutdownSettings.FromConfiguration(configuration));
        Assert.Contains("Shutdown:DrainSeconds", error.Message, StringComparison.Ordinal);
    }

    /// <summary>The drain goes on after a timer on the thread pool: its next step is awaited with a bound.</summary>
    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var until = DateTime.UtcNow.AddSeconds(5);
        while (!condition() && DateTime.UtcNow < until)
        {
            await Task.Delay(5);
        }

        Assert.True(condition());
    }

    private ShutdownDrain Create(int delay, int drainSeconds) =>
        new(new ShutdownSettings(TimeSpan.FromSeconds(delay), TimeSpan.FromSeconds(drainSeconds)), clock, NullLogger<ShutdownDrain>.Instance);
}
