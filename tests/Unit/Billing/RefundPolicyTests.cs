using OmniaKey.Domain.Money;
using OmniaKey.Modules.Billing.Domain.Refunds;
using Xunit;

namespace OmniaKey.UnitTests.Billing;

/// <summary>The refund arithmetic: what is refundable, and how a refund is split across the original charges.</summary>
public sealed class RefundPolicyTests
{
    private static readonly DateTimeOffset Monday = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Everything_paid_is_refundable_while_the_balance_holds_it()
    {
        var funds = Funds("25", Paid(2500));

        Assert.Equal(Money.Parse("25"), RefundPolicy.Refundable(funds));
    }

    [Fact]
    public void Never_more_than_available()
    {
        Assert.Equal(Money.Parse("5"), RefundPolicy.Refundable(Funds("5", Paid(2500))));
        Assert.Equal(Money.Zero, RefundPolicy.Refundable(Funds("0", Paid(2500))));
    }

    [Fact]
    public void Available_is_rounded_down_to_the_cent_and_the_remainder_stays()
    {
        Assert.Equal(Money.Parse("12.34"), RefundPolicy.Refundable(Funds("12.349999999", Paid(2500))));
        Assert.Equal(Money.Zero, RefundPolicy.Refundable(Funds("0.009", Paid(2500))));
    }

    [Fact]
    public void Credit_never_paid_is_not_refundable_and_counts_as_spent_first()
    {
        // 25 paid + 10 promotional - 8 spent = 27 available: the 8 came out of the promotional 10.
        Assert.Equal(Money.Parse("25"), RefundPolicy.Refundable(Funds("27", Paid(2500))));

        // Only promotional credit or adjustments: nothing was paid, nothing is refundable.
        Assert.Equal(Money.Zero, RefundPolicy.Refundable(Funds("10")));
    }

    [Fact]
    public void Refunds_made_outside_OmniaKey_its_own_refunds_and_disputes_are_not_refundable_again()
    {
        var funds = Funds(
            "100",
            Paid(2500, externallyRefunded: 500),
            Paid(3000, refundedByOmniaKey: 1000, daysLater: 1),
            Paid(4000, disputed: 100, daysLater: 2));

        // 20 + 20 + 0 (a disputed charge cannot be refunded at all).
        Assert.Equal(4000, RefundPolicy.UnclaimedPaidCents(funds));
        Assert.Equal(Money.Parse("40"), RefundPolicy.Refundable(funds));
    }

    [Fact]
    public void Open_refunds_claim_their_outstanding_amount()
    {
        var funds = Funds("30", [Paid(2500), Paid(3000, daysLater: 1)], openRefundsOutstandingCents: 4000);

        Assert.Equal(1500, RefundPolicy.UnclaimedPaidCents(funds));
        Assert.Equal(Money.Parse("15"), RefundPolicy.Refundable(funds));
        Assert.Equal(Money.Zero, RefundPolicy.Refundable(funds with { OpenRefundsOutstandingCents = 9000 }));
    }

    [Fact]
    public void Split_takes_the_newest_charge_first_and_moves_on_to_older_ones()
    {
        var oldest = Paid(2000);
        var middle = Paid(3000, daysLater: 1);
        var newest = Paid(1000, refundedByOmniaKey: 400, daysLater: 2);

        var split = RefundPolicy.Split(4000, [oldest, newest, middle]);

        Assert.Equal([(newest, 600L), (middle, 3000L), (oldest, 400L)], split.Allocations.Select(a => (a.Source, a.Cents)));
        Assert.Equal(0, split.UncoveredCents);
    }

    [Fact]
    public void Split_skips_charges_with_nothing_left_and_reports_what_no_charge_can_take()
    {
        var refunded = Paid(2000, externallyRefunded: 2000, daysLater: 2);
        var disputed = Paid(2000, disputed: 2000, daysLater: 1);
        var open = Paid(1000);

        var split = RefundPolicy.Split(2500, [refunded, disputed, open]);

        Assert.Equal([(open, 1000L)], split.Allocations.Select(a => (a.Source, a.Cents)));
        Assert.Equal(1500, split.UncoveredCents);
        Assert.Empty(RefundPolicy.Split(0, [open]).Allocations);
    }

    [Theory]
    [InlineData("12.34", true)]
    [InlineData("12", true)]
    [InlineData("12.345", false)]
    [InlineData("0.000000001", false)]
    public void Refunds_are_whole_cents(string amount, bool wholeCents) =>
        Assert.Equal(wholeCents, RefundPolicy.IsWholeCents(Money.Parse(amount)));

    private static RefundFunds Funds(string available, params RefundSource[] sources) =>
        Funds(available, sources, openRefundsOutstandingCents: 0);

    private static RefundFunds Funds(string available, RefundSource[] sources, long openRefundsOutstandingCents) =>
        new(Money.Parse(available), sources, openRefundsOutstandingCents);

    private static RefundSource Paid(long cents, long externallyRefunded = 0, long refundedByOmniaKey = 0, long disputed = 0, int daysLater = 0) =>
        new(Guid.NewGuid(), $"ch_{Guid.NewGuid():N}", $"pi_{Guid.NewGuid():N}", Monday.AddDays(daysLater), cents, externallyRefunded, disputed, refundedByOmniaKey);
}
