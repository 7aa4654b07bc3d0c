using OmniaKey.Modules.Billing.Application.Usage;
using OmniaKey.Modules.Billing.Domain.Usage;
using Xunit;

namespace OmniaKey.UnitTests.Billing;

public sealed class UsageCursorTests
{
    [Theory]
    [InlineData("req_0193a8f0c1d27c3e9b5f1a2b3c4d5e6f")]
    [InlineData("id.with.dots")]
    [InlineData("x")]
    public void A_cursor_decodes_to_the_position_it_was_made_from(string id)
    {
        var position = new UsagePosition(new DateTimeOffset(2026, 5, 30, 12, 34, 56, TimeSpan.Zero).AddTicks(1234567), id);

        var cursor = UsageCursor.Encode(position);

        Assert.True(UsageCursor.TryDecode(cursor, out var decoded));
        Assert.Equal(position, decoded);
        Assert.DoesNotContain(cursor, c => c is '+' or '/' or '=');
    }

    [Fact]
    public void No_cursor_means_the_first_page()
    {
        Assert.True(UsageCursor.TryDecode(null, out var position));
        Assert.Null(position);
        Assert.True(UsageCursor.TryDecode(string.Empty, out position));
        Assert.Null(position);
    }

    [Theory]
    [InlineData("not-a-cursor")]
    [InlineData("MTIz")] // "123": no id
    [InlineData("MTIzLg")] // "123.": empty id
    [InlineData("LTEucmVx")] // "-1.req": negative ticks
    [InlineData("OTAwMDAwMDAwMDAwMDAwMDAwMC5yZXE")] // ticks beyond DateTimeOffset
    public void Anything_else_is_refused(string cursor)
    {
        Assert.False(UsageCursor.TryDecode(cursor, out var position));
        Assert.Null(position);
    }

    [Fact]
    public void An_id_longer_than_a_request_id_is_refused()
    {
        var cursor = UsageCursor.Encode(new UsagePosition(DateTimeOffset.UnixEpoch, new string('a', 65)));

        Assert.False(UsageCursor.TryDecode(cursor, out _));
    }
}
