using OmniaKey.Modules.Billing.Application.Ledger;
using OmniaKey.Modules.Billing.Domain.Ledger;
using Xunit;

namespace OmniaKey.UnitTests.Billing;

public sealed class LedgerCursorTests
{
    [Fact]
    public void A_cursor_decodes_to_the_position_it_was_made_from()
    {
        var position = new LedgerPosition(new DateTimeOffset(2026, 5, 30, 12, 34, 56, TimeSpan.Zero).AddTicks(1234567), Guid.CreateVersion7());

        var cursor = LedgerCursor.Encode(position);

        Assert.True(LedgerCursor.TryDecode(cursor, out var decoded));
        Assert.Equal(position, decoded);
        Assert.DoesNotContain(cursor, c => c is '+' or '/' or '=');
    }

    [Fact]
    public void No_cursor_means_the_first_page()
    {
        Assert.True(LedgerCursor.TryDecode(null, out var position));
        Assert.Null(position);
        Assert.True(LedgerCursor.TryDecode(string.Empty, out position));
        Assert.Null(position);
    }

    [Theory]
    [InlineData("not-a-cursor")]
    [InlineData("MTIz")] // "123": no id
    [InlineData("LTEuMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDA")] // "-1.000…": negative ticks
    [InlineData("OTAwMDAwMDAwMDAwMDAwMDAwMC4wMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMA")] // ticks beyond DateTimeOffset
    public void Anything_else_is_refused(string cursor)
    {
        Assert.False(LedgerCursor.TryDecode(cursor, out var position));
        Assert.Null(position);
    }
}
