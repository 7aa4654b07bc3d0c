using OmniaKey.Modules.Billing.Domain.Usage;
using OmniaKey.Modules.Billing.Infrastructure.Persistence.Specifications;
using Xunit;

namespace OmniaKey.UnitTests.Billing.Specifications;

/// <summary>The usage list's filter, order and keyset paging, evaluated in memory (Ardalis' own evaluator).</summary>
public sealed class UsagePageSpecTests
{
    private static readonly Guid Account = Guid.CreateVersion7();
    private static readonly Guid OtherAccount = Guid.CreateVersion7();
    private static readonly Guid KeyA = Guid.CreateVersion7();
    private static readonly Guid KeyB = Guid.CreateVersion7();
    private static readonly DateTimeOffset Noon = new(2026, 6, 15, 12, 0, 0, TimeSpan.Zero);

    private static readonly UsageRecord[] Records =
    [
        Record("req-a", Noon.AddMinutes(-10), KeyA, "gpt-4o"),
        Record("req-b", Noon, KeyA, "gpt-4o"),
        Record("req-c", Noon, KeyB, "claude-sonnet-4"),
        Record("req-d", Noon.AddMinutes(5), KeyB, "gpt-4o"),
        Record("req-e", Noon.AddMinutes(10), KeyA, "claude-sonnet-4"),
        Record("req-x", Noon, KeyA, "gpt-4o", OtherAccount),
    ];

    [Fact]
    public void Lists_the_accounts_records_newest_first_and_by_id_descending_within_the_same_instant() =>
        Assert.Equal(["req-e", "req-d", "req-c", "req-b", "req-a"], Ids(new UsagePageSpec(Account, UsageFilter.None, null, 50)));

    [Fact]
    public void Filters_by_key_and_by_model()
    {
        Assert.Equal(["req-e", "req-b", "req-a"], Ids(new UsagePageSpec(Account, UsageFilter.None with { KeyId = KeyA }, null, 50)));
        Assert.Equal(["req-d", "req-b", "req-a"], Ids(new UsagePageSpec(Account, UsageFilter.None with { Model = "gpt-4o" }, null, 50)));
        Assert.Equal(["req-d"], Ids(new UsagePageSpec(Account, new UsageFilter(KeyB, "gpt-4o", null, null), null, 50)));
    }

    [Fact]
    public void From_is_inclusive_and_to_is_exclusive() =>
        Assert.Equal(
            ["req-d", "req-c", "req-b"],
            Ids(new UsagePageSpec(Account, UsageFilter.None with { From = Noon, To = Noon.AddMinutes(10) }, null, 50)));

    [Fact]
    public void Takes_at_most_the_limit() =>
        Assert.Equal(["req-e", "req-d"], Ids(new UsagePageSpec(Account, UsageFilter.None, null, 2)));

    [Fact]
    public void Starts_strictly_after_the_position_including_older_ids_of_the_same_instant() =>
        Assert.Equal(["req-b", "req-a"], Ids(new UsagePageSpec(Account, UsageFilter.None, new UsagePosition(Noon, "req-c"), 50)));

    [Fact]
    public void Walking_the_pages_returns_every_record_once_in_order()
    {
        var seen = new List<string>();
        UsagePosition? after = null;
        while (true)
        {
            var page = new UsagePageSpec(Account, UsageFilter.None, after, 2).Evaluate(Records).ToList();
            seen.AddRange(page.Select(r => r.Id));
            if (page.Count < 2)
            {
                break;
            }

            after = new UsagePosition(page[^1].CreatedAt, page[^1].Id);
        }

        Assert.Equal(["req-e", "req-d", "req-c", "req-b", "req-a"], seen);
    }

    [Fact]
    public void A_limit_below_one_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new UsagePageSpec(Account, UsageFilter.None, null, 0));

    private static List<string> Ids(UsagePageSpec specification) => [.. specification.Evaluate(Records).Select(r => r.Id)];

    private static UsageRecord Record(string id, DateTimeOffset createdAt, Guid keyId, string model, Guid? accountId = null) => new()
    {
        Id = id,
        AccountId = accountId ?? Account,
        KeyId = keyId,
        Model = model,
        Provider = "openai",
        Status = "succeeded",
        UsageSource = "upstream",
        CreatedAt = createdAt,
    };
}
