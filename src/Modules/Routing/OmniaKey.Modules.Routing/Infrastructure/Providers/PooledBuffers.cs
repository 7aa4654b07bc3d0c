using System.Buffers;

namespace OmniaKey.Modules.Routing.Infrastructure.Providers;

/// <summary>
/// Byte buffers for the relay's bodies, chunks and lines (docs/adr/0022): from the shared pool up to
/// <see cref="MaxPooledBytes"/>, plain arrays above it. The shared pool keeps what it is given back, so a rare
/// multi-megabyte body must not go there: it would stay in memory long after its request.
/// </summary>
internal static class PooledBuffers
{
    public const int MaxPooledBytes = 256 * 1024;

    public static byte[] Rent(int minimumLength) =>
        minimumLength <= MaxPooledBytes ? ArrayPool<byte>.Shared.Rent(minimumLength) : GC.AllocateUninitializedArray<byte>(minimumLength);

    /// <summary>Gives a buffer from <see cref="Rent"/> back (a plain array is left to the GC).</summary>
    public static void Return(byte[] buffer)
    {
        if (buffer.Length <= MaxPooledBytes)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// A buffer of at least <paramref name="newLength"/> bytes (by default twice as many as <paramref name="buffer"/>)
    /// holding the first <paramref name="filled"/> bytes of <paramref name="buffer"/>, which is given back.
    /// </summary>
    public static byte[] Grow(byte[] buffer, int filled, int? newLength = null)
    {
        var larger = Rent(newLength ?? (int)Math.Min(2L * buffer.Length, Array.MaxLength));
        buffer.AsSpan(0, filled).CopyTo(larger);
        Return(buffer);
        return larger;
    }
}
