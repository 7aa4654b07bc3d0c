using OmniaKey.Infrastructure.Caching.ClusterInvalidation;
using Xunit;

namespace OmniaKey.UnitTests.Caching;

public sealed class ClusterInvalidationTests
{
    [Theory]
    [InlineData("api-keys", "0f3a")]
    [InlineData("account-status", "")]
    [InlineData("topic", "an id\nwith a line break")]
    public void A_signal_reads_back_as_it_was_sent(string topic, string id)
    {
        var sent = new InvalidationSignal("origin", topic, id);

        Assert.True(InvalidationSignal.TryParse(sent.Format(), out var read));
        Assert.Equal(sent, read);
    }

    [Theory]
    [InlineData("")]
    [InlineData("origin-only")]
    [InlineData("origin\ntopic-without-id")]
    public void A_payload_that_is_not_a_signal_is_refused(string payload) =>
        Assert.False(InvalidationSignal.TryParse(payload, out _));

    [Fact]
    public void Publishing_evicts_the_topics_subscribers_only_and_a_disposed_subscription_hears_nothing()
    {
        var signal = new LocalClusterInvalidation();
        var keys = new List<string>();
        var statuses = new List<string>();
        var kept = signal.Subscribe("api-keys", keys.Add, () => keys.Add("*"));
        using (signal.Subscribe("account-status", statuses.Add, () => statuses.Add("*")))
        {
            signal.Publish("api-keys", "k1");
            signal.Publish("account-status", "a1");
        }

        signal.Publish("account-status", "a2");
        signal.Publish("other", "x");
        kept.Dispose();
        signal.Publish("api-keys", "k2");

        Assert.Equal(["k1"], keys);
        Assert.Equal(["a1"], statuses);
    }

    [Theory]
    [InlineData(null, "omniakey invalidation listener")]
    [InlineData("omniakey-second-instance", "omniakey-second-instance invalidation listener")]
    public void The_listener_is_named_after_the_application(string? applicationName, string expected) =>
        Assert.Equal(expected, PostgresClusterInvalidation.ListenerName(applicationName));

    [Fact]
    public void A_long_application_name_is_cut_to_what_PostgreSQL_keeps_and_still_ends_with_the_listener_suffix()
    {
        var name = PostgresClusterInvalidation.ListenerName(new string('a', 80));

        Assert.Equal(63, name.Length);
        Assert.EndsWith(PostgresClusterInvalidation.ListenerSuffix, name, StringComparison.Ordinal);
    }
}
