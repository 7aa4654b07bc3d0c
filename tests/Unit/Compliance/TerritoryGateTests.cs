using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using OmniaKey.Modules.Compliance.Contracts;
using OmniaKey.Modules.Compliance.Infrastructure.ApiGate;
using Xunit;

namespace OmniaKey.UnitTests.Compliance;

/// <summary>
/// The <c>/v1</c> gate: judged from memory; every denial queued for the audit, an allow only the first time per
/// account, IP country and UTC day; readers wait for what was queued before they asked.
/// </summary>
public sealed class TerritoryGateTests
{
    private static readonly IPAddress Mainland = IPAddress.Parse("203.0.113.9");
    private static readonly IPAddress HongKong = IPAddress.Parse("198.51.100.9");
    private static readonly IPAddress Taiwan = IPAddress.Parse("198.51.100.200");

    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 12, 7, 23, 0, 0, TimeSpan.Zero));
    private readonly DecisionAuditQueue queue = new(NullLogger<DecisionAuditQueue>.Instance);
    private readonly TerritoryGate gate;

    public TerritoryGateTests() =>
        gate = new TerritoryGate(
            RestrictedTerritoryTests.EvaluatorWith(("203.0.113.0/24", "CN"), ("198.51.100.0/25", "HK"), ("198.51.100.128/25", "TW")),
            queue,
            clock);

    [Fact]
    public void Mainland_calls_are_refused_and_every_refusal_is_queued()
    {
        var account = Guid.NewGuid();

        var first = gate.CheckApiCall(Mainland, account);
        var second = gate.CheckApiCall(Mainland, account);

        Assert.Equal("unsupported_country_region_territory", first?.Code);
        Assert.NotNull(second);
        var queued = Drain();
        Assert.Equal(2, queued.Count);
        Assert.All(queued, d => Assert.Equal((AccessSurfaces.Api, AccessOutcomes.Deny, "CN", AccessSignals.IpCountry, account, "203.0.113.9"), (d.Surface, d.Outcome, d.Country, d.Signal, d.AccountId, d.Ip)));
    }

    [Fact]
    public void Allows_are_queued_once_per_account_country_and_UTC_day()
    {
        var account = Guid.NewGuid();
        var other = Guid.NewGuid();

        for (var i = 0; i < 5; i++)
        {
            Assert.Null(gate.CheckApiCall(HongKong, account));
        }

        Assert.Null(gate.CheckApiCall(Taiwan, account));
        Assert.Null(gate.CheckApiCall(HongKong, other));
        Assert.Null(gate.CheckApiCall(null, account));
        Assert.Null(gate.CheckApiCall(null, account));
        Assert.Equal(["HK", "TW", "HK", null], Drain().Select(d => d.Country).ToList());

        clock.Advance(TimeSpan.FromHours(1)); // past midnight UTC: a new day
        Assert.Null(gate.CheckApiCall(HongKong, account));
        Assert.Equal(["HK"], Drain().Select(d => d.Country).ToList());
    }

    [Fact]
    public async Task A_reader_waits_for_what_was_queued_before_it_asked()
    {
        Assert.True(queue.WaitForQueuedAsync(CancellationToken.None).IsCompleted);
        gate.CheckApiCall(Mainland, Guid.NewGuid());
        gate.CheckApiCall(Mainland, Guid.NewGuid());

        var waiting = queue.WaitForQueuedAsync(CancellationToken.None);
        Assert.True(queue.Reader.TryRead(out var firstItem));
        queue.MarkWritten(firstItem.Sequence);
        Assert.False(waiting.IsCompleted);

        Assert.True(queue.Reader.TryRead(out var secondItem));
        queue.MarkWritten(secondItem.Sequence);
        await waiting.WaitAsync(TimeSpan.FromSeconds(5));
    }

    private List<AccessDecisionDto> Drain()
    {
        var items = new List<AccessDecisionDto>();
        while (queue.Reader.TryRead(out var item))
        {
            items.Add(item.Decision.Decision);
            queue.MarkWritten(item.Sequence);
        }

        return items;
    }
}
