using System.Buffers;

namespace OmniaKey.Modules.Routing.Infrastructure.Relay;

/// <summary>
/// A whole HTTP body read into a buffer rented from the pool (docs/adr/0022): the upstream's non-streamed answer is
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
        var rented = ArrayPool<byte>.Shared.Rent(declared + 1);
        var filled = 0;
        try
        {
            await using var stream = await content.ReadAsStreamAsync(cancellationToken);
            while (true)
            {
                if (filled == rented.Length)
                {
                    var larger = ArrayPool<byte>.Shared.Rent(rented.Length * 2);
                    rented.AsSpan(0, filled).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(rented);
                    rented = larger;
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
            ArrayPool<byte>.Shared.Return(rented);
            throw;
        }
    }

    public void Dispose()
    {
        if (buffer is not null)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
