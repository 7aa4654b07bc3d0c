using System.Net;
using System.Net.Sockets;
using MaxMind.Db;

namespace OmniaKey.Modules.Compliance.Infrastructure.Geo;

/// <summary>
/// One open database and how many lookups are using it. The holder count starts at 1 for the owner (the
/// <see cref="MaxMindIpCountryDatabase"/> while this lease is current); a lookup acquires before reading and releases
/// after, and the reader is disposed by whoever releases last. So a reload can swap readers at any moment without a
/// lock on the lookup path and without disposing a reader some thread is still reading.
/// </summary>
internal sealed class ReaderLease(Reader reader)
{
    private int holders = 1;

    public Metadata Metadata => reader.Metadata;

    /// <summary>False once the owner has let go and the last lookup has finished: the caller takes the newer lease.</summary>
    public bool TryAcquire()
    {
        var seen = Volatile.Read(ref holders);
        while (seen > 0)
        {
            var before = Interlocked.CompareExchange(ref holders, seen + 1, seen);
            if (before == seen)
            {
                return true;
            }

            seen = before;
        }

        return false;
    }

    public void Release()
    {
        if (Interlocked.Decrement(ref holders) == 0)
        {
            reader.Dispose();
        }
    }

    /// <summary>The country of <paramref name="address"/>; IPv4-mapped IPv6 is looked up as IPv4.</summary>
    public string? Find(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6 && reader.Metadata.IPVersion == 4)
        {
            return null;
        }

        return reader.Find<CountryRecord>(address)?.Code;
    }
}
