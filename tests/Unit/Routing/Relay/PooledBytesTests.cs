using System.Net;
using OmniaKey.Modules.Routing.Infrastructure.Relay;
using Xunit;

namespace OmniaKey.UnitTests.Routing.Relay;

/// <summary>The upstream's answer is read into a pooled buffer (docs/adr/0022), whole, with or without a declared length.</summary>
public sealed class PooledBytesTests
{
    [Theory]
    [InlineData(0, true)]
    [InlineData(10, true)]
    [InlineData(10, false)]
    [InlineData(100_000, true)]
    [InlineData(100_000, false)]
    public async Task Reads_the_whole_body(int length, bool declared)
    {
        var body = Enumerable.Range(0, length).Select(i => (byte)(i * 7)).ToArray();
        using var content = new TrickleContent(body, declared);

        using var read = await PooledBytes.ReadAsync(content, CancellationToken.None);

        Assert.Equal(body, read.Span.ToArray());
    }

    /// <summary>A body written 1,000 bytes at a time, declaring its length or not (as a chunked answer).</summary>
    private sealed class TrickleContent(byte[] body, bool declared) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            for (var offset = 0; offset < body.Length; offset += 1000)
            {
                await stream.WriteAsync(body.AsMemory(offset, Math.Min(1000, body.Length - offset)));
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = body.Length;
            return declared;
        }
    }
}
