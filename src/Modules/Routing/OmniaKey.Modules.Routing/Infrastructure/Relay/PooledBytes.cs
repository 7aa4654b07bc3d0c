using OmniaKey.Modules.Routing.Infrastructure.Providers;

namespace OmniaKey.Modules.Routing.Infrastructure.Relay;

/// <summary>
/// A whole HTTP body read into a pooled buffer (<see cref="PooledBuffers"/>, docs/adr/0022): the upstream's non-streamed answer is
/// read, translated from <see cref="Span"/> and dropped, so it need not be a fresh array per call. Dispose it once
/// nothing reads <see cref="Span"/> any more; translators copy what they keep.
/// </summary>
internal readonly struct PooledBytes(byte[] buffer, int length) : IDisposable
{
    private const int FirstRead = 16 * 1024;

    public ReadOnlySpan<byte> Span => buffer.AsSpan(0, length);

    /// <summary>Reads <paramref name="content"/> to its end; its declared length, when it has one, sizes the first buffer.</summary>
    public static async Task<PooledBytes> ReadAsync(HttpContent content, CancellationToken cancellationToken)
    {
        var declared = content.Headers.ContentLength is { } known ? (int)Math.Min(known, 1 << 20) : FirstRead;
        var rented = PooledBuffers.Rent(declared + 1);
        var filled = 0;
        try
        {
            await using var stream = await content.ReadAsStreamAsync(cancellationToken);
            while (true)
            {
                if (filled == rented.Length)
                {
                    rented = PooledBuffers.Grow(rented, filled);
                }

                var read = await stream.ReadAsync(rented.AsMemory(filled), cancellationToken);
                if (read == 0)
                {
                    return new PooledBytes(rented, filled);
                }

                filled += read;
            }
        }
        catch
        {
            PooledBuffers.Return(rented);
            throw;
        }
    }

    public void Dispose()
    {
        if (buffer is not null)
        {
            PooledBuffers.Return(buffer);
        }
    }
}
