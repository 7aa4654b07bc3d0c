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

    public int Length => length;

    /// <summary>Reads <paramref name="content"/> to its end; its declared length, when it has one, sizes the first buffer.</summary>
    public static async Task<PooledBytes> ReadAsync(HttpContent content, CancellationToken cancellationToken)
    {
        var declared = content.Headers.ContentLength is { } known ? (int)Math.Min(known, 1 << 20) : FirstRead;
        await using var stream = await content.ReadAsStreamAsync(cancellationToken);
        return await ReadAsync(stream, declared + 1, Array.MaxLength, cancellationToken);
    }

    /// <summary>
    /// Reads <paramref name="stream"/> to its end or until <paramref name="ceiling"/> bytes are in, whichever comes
    /// first (a <see cref="Length"/> of <paramref name="ceiling"/> means the stream may hold more), into a buffer of
    /// <paramref name="firstLength"/> bytes that doubles as needed — straight to the ceiling when doubling would come
    /// within a byte of it, so a body at a limit never costs a buffer of the limit and then another one.
    /// </summary>
    public static async Task<PooledBytes> ReadAsync(Stream stream, int firstLength, int ceiling, CancellationToken cancellationToken)
    {
        var rented = PooledBuffers.Rent(Math.Min(firstLength, ceiling));
        var filled = 0;
        try
        {
            while (filled < ceiling)
            {
                if (filled == rented.Length)
                {
                    rented = PooledBuffers.Grow(rented, filled, 2L * filled >= ceiling - 1 ? ceiling : (int)(2L * filled));
                }

                var read = await stream.ReadAsync(rented.AsMemory(filled, Math.Min(rented.Length, ceiling) - filled), cancellationToken);
                if (read == 0)
                {
                    break;
                }

                filled += read;
            }

            return new PooledBytes(rented, filled);
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
