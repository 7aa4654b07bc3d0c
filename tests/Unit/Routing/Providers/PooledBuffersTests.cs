using OmniaKey.Modules.Routing.Infrastructure.Providers;
using Xunit;

namespace OmniaKey.UnitTests.Routing.Providers;

/// <summary>Only buffers up to 256 KB go back to the shared pool (docs/adr/0022): a huge body must not stay in memory.</summary>
public sealed class PooledBuffersTests
{
    [Fact]
    public void A_buffer_above_the_pooled_size_is_not_kept_for_the_next_caller()
    {
        var large = PooledBuffers.Rent(PooledBuffers.MaxPooledBytes + 1);
        PooledBuffers.Return(large);

        var next = PooledBuffers.Rent(PooledBuffers.MaxPooledBytes + 1);

        Assert.NotSame(large, next);
        Assert.Equal(PooledBuffers.MaxPooledBytes + 1, next.Length);
    }

    [Fact]
    public void Growing_keeps_the_bytes_written_so_far()
    {
        var buffer = PooledBuffers.Rent(16);
        buffer.AsSpan(0, 16).Fill(7);

        var larger = PooledBuffers.Grow(buffer, 16, PooledBuffers.MaxPooledBytes * 2);

        Assert.True(larger.Length >= PooledBuffers.MaxPooledBytes * 2);
        Assert.All(larger.AsSpan(0, 16).ToArray(), b => Assert.Equal(7, b));
    }
}
