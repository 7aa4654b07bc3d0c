using OmniaKey.Domain.Money;
using OmniaKey.Modules.Billing.Domain.Ledger;
using OmniaKey.Modules.Billing.Infrastructure.Persistence.Specifications;
using Xunit;

namespace OmniaKey.UnitTests.Billing.Specifications;

/// <summary>The ledger's order and keyset paging, evaluated in memory.</summary>
public sealed class LedgerPageSpecTests
{
    private static readonly Guid Account = Guid.CreateVersion7();
    private static readonly DateTimeOffset Noon = new(2026, 6, 15, 12, 0, 0, TimeSpan.Zero);

    // Three entries share one instant, so the id decides their order.
    private static readonly LedgerEntry[] Entries =
    [
        Credit(Account, Noon.AddMinutes(-1)),
        Credit(Account, Noon),
        Credit(Account, Noon),
        Credit(Account, Noon),
        Credit(Account, Noon.AddMinutes(1)),
        Credit(Guid.CreateVersion7(), Noon),
    ];

    private static readonly List<LedgerEntry> Expected =
        [.. Entries.Where(e => e.AccountId == Account).OrderByDescending(e => e.CreatedAt).ThenByDescending(e => e.Id)];

    [Fact]
    public void Lists_the_accounts_entries_newest_first_then_by_id_descending() =>
        Assert.Equal(Expected, new LedgerPageSpec(Account, null, 50).Evaluate(Entries));

    [Fact]
    public void Starts_strictly_after_the_position_and_takes_at_most_the_limit()
    {
        var position = new LedgerPosition(Expected[1].CreatedAt, Expected[1].Id);

        Assert.Equal(Expected.Skip(2).Take(2), new LedgerPageSpec(Account, position, 2).Evaluate(Entries));
    }

    [Fact]
    public void Walking_the_pages_returns_every_entry_once_in_order()
    {
        var seen = new List<LedgerEntry>();
        LedgerPosition? after = null;
        while (true)
        {
            var page = new LedgerPageSpec(Account, after, 2).Evaluate(Entries).ToList();
            seen.AddRange(page);
            if (page.Count < 2)
            {
                break;
            }

            after = new LedgerPosition(page[^1].CreatedAt, page[^1].Id);
        }

        Assert.Equal(Expected, seen);
    }

    [Fact]
    public void A_limit_below_one_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new LedgerPageSpec(Account, null, 0));

    private static LedgerEntry Credit(Guid accountId, DateTimeOffset at) =>
        LedgerEntry.Credit(accountId, LedgerEntryType.PromotionalCredit, Money.Parse("1"), "credit", null, at);
}
