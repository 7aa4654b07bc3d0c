using System.Text;
using OmniaKey.Modules.Billing.Application.Usage;
using OmniaKey.Modules.Billing.Endpoints;
using Xunit;

namespace OmniaKey.UnitTests.Billing;

public sealed class UsageCsvTests
{
    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("", "")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("two\r\nlines", "\"two\r\nlines\"")]
    [InlineData("lf\nonly", "\"lf\nonly\"")]
    public void Fields_are_quoted_only_when_rfc_4180_requires_it(string field, string expected) =>
        Assert.Equal(expected, UsageCsv.Append(new StringBuilder(), field).ToString());

    [Fact]
    public void A_row_has_every_column_of_the_header_in_order()
    {
        var promotion = Guid.Parse("0193a8f0-c1d2-7c3e-9b5f-1a2b3c4d5e6f");
        var key = Guid.Parse("11111111-2222-3333-4444-555555555555");
        var item = new UsageItemDto(
            "req_1", new DateTimeOffset(2026, 6, 1, 14, 0, 0, TimeSpan.FromHours(2)), key, "gpt-4o", "openai",
            1200, 345, 200, 10, 40, "0.012345678", "0.01", "succeeded", "reported", 321, new UsagePromotionDto(promotion, "GPT, 95% off"));

        var row = UsageCsv.Row(item);

        Assert.Equal(
            $"req_1,2026-06-01T12:00:00.0000000Z,{key},gpt-4o,openai,1200,345,200,10,40,0.012345678,0.01,succeeded,reported,321,{promotion},\"GPT, 95% off\"\r\n",
            row);
        Assert.Equal(UsageCsv.HeaderLine.Split(',').Length, row.Split(',').Length - 1); // the quoted name holds one comma
    }

    [Fact]
    public async Task The_writer_streams_a_header_then_one_line_per_record()
    {
        var items = Enumerable.Range(0, 3).Select(i => new UsageItemDto(
            $"req_{i}", DateTimeOffset.UnixEpoch, Guid.Empty, "m", "p", 0, 0, 0, 0, 0, "0", "0", "expired", "none", 0, null));
        using var body = new MemoryStream();

        await UsageCsv.WriteAsync(body, items.ToAsyncEnumerable(), CancellationToken.None);

        var text = Encoding.UTF8.GetString(body.ToArray());
        Assert.StartsWith(UsageCsv.HeaderLine, text, StringComparison.Ordinal);
        Assert.Equal(4, text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.NotEqual(0xEF, body.ToArray()[0]); // no byte-order mark
        Assert.EndsWith("req_2,1970-01-01T00:00:00.0000000Z,00000000-0000-0000-0000-000000000000,m,p,0,0,0,0,0,0,0,expired,none,0,,\r\n", text, StringComparison.Ordinal);
    }
}
