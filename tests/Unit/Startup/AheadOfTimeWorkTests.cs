using Microsoft.Extensions.Logging;
using OmniaKey.Infrastructure.Startup;
using OmniaKey.UnitTests.Support;
using Xunit;

namespace OmniaKey.UnitTests.Startup;

/// <summary>Start-up work done ahead of time may fail: it is logged, once, and never thrown.</summary>
public sealed class AheadOfTimeWorkTests
{
    [Fact]
    public async Task A_failure_is_logged_at_information_with_what_will_redo_the_work_and_not_thrown()
    {
        var logger = new ListLogger();

        await AheadOfTimeWork.Start(logger, "Loading the billing model", "the schema check", () => throw new InvalidOperationException("boom"));

        var entry = Assert.Single(logger.Entries);
        Assert.Equal(LogLevel.Information, entry.Level);
        Assert.Equal("Loading the billing model ahead of time failed; the schema check will do it", entry.Message);
    }

    [Fact]
    public async Task Work_that_succeeds_logs_nothing()
    {
        var logger = new ListLogger();
        var ran = false;

        await AheadOfTimeWork.Start(logger, "Work", "someone", async () =>
        {
            await Task.Yield();
            ran = true;
        });

        Assert.True(ran);
        Assert.Empty(logger.Entries);
    }

    [Fact]
    public async Task A_failure_while_stopping_is_not_worth_a_line()
    {
        var logger = new ListLogger();
        using var stopping = new CancellationTokenSource();
        await stopping.CancelAsync();

        await AheadOfTimeWork.Start(logger, "Work", "someone", () => Task.FromCanceled(stopping.Token), stopping.Token);

        Assert.Empty(logger.Entries);
    }
}
