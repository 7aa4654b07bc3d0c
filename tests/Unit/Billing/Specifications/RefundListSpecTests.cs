using OmniaKey.Domain.Money;
using OmniaKey.Modules.Billing.Domain.Ledger;
using OmniaKey.Modules.Billing.Domain.Refunds;
using OmniaKey.Modules.Billing.Infrastructure.Persistence.Specifications;
using Xunit;

namespace OmniaKey.UnitTests.Billing.Specifications;

/// <summary>The refund lists — the operators' and customers' page, and one account's refunds in one status — in memory.</summary>
public sealed class RefundListSpecTests
{
    private static readonly Guid Account = Guid.CreateVersion7();
    private static readonly Guid OtherAccount = Guid.CreateVersion7();
    private static readonly DateTimeOffset Noon = new(2026, 6, 15, 12, 0, 0, TimeSpan.Zero);

    private static readonly Refund Pending1 = Request(Account, Noon.AddMinutes(1), approved: false);
    private static readonly Refund Approved2 = Request(Account, Noon.AddMinutes(2), approved: true);
    private static readonly Refund Pending3 = Request(Account, Noon.AddMinutes(3), approved: false);
    private static readonly Refund OtherPending4 = Request(OtherAccount, Noon.AddMinutes(4), approved: false);

    private static readonly Refund[] Refunds = [Pending3, OtherPending4, Pending1, Approved2];

    [Fact]
    public void The_page_lists_every_accounts_refunds_newest_first_without_filters() =>
        Assert.Equal([OtherPending4, Pending3, Approved2, Pending1], new RefundsPageSpec(null, null, null, 50).Evaluate(Refunds));

    [Fact]
    public void The_page_filters_by_account_and_by_status()
    {
        Assert.Equal([Pending3, Approved2, Pending1], new RefundsPageSpec(Account, null, null, 50).Evaluate(Refunds));
        Assert.Equal([OtherPending4, Pending3, Pending1], new RefundsPageSpec(null, RefundStatus.PendingApproval, null, 50).Evaluate(Refunds));
        Assert.Equal([Approved2], new RefundsPageSpec(Account, RefundStatus.Approved, null, 50).Evaluate(Refunds));
    }

    [Fact]
    public void The_page_starts_strictly_after_the_position_and_takes_at_most_the_limit()
    {
        var position = new LedgerPosition(Pending3.CreatedAt, Pending3.Id);

        Assert.Equal([Approved2], new RefundsPageSpec(null, null, position, 1).Evaluate(Refunds));
    }

    [Fact]
    public void By_status_lists_one_accounts_refunds_in_that_status_oldest_first()
    {
        Assert.Equal([Pending1, Pending3], new RefundsByStatusSpec(Account, RefundStatus.PendingApproval).Evaluate(Refunds));
        Assert.Empty(new RefundsByStatusSpec(Account, RefundStatus.Processing).Evaluate(Refunds));
    }

    private static Refund Request(Guid accountId, DateTimeOffset at, bool approved) =>
        Refund.Request(accountId, Money.Parse("5"), RefundOrigin.Customer, null, approved, at);
}
