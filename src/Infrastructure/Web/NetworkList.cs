using System.Net;

namespace OmniaKey.Infrastructure.Web;

/// <summary>
/// Parses operator-written address lists such as <c>"10.0.0.0/8, 192.168.1.7, ::1"</c>: IPs and CIDR ranges,
/// separated by commas, semicolons or white space. A single IP becomes a /32 (or /128) network. A bad entry fails with
/// a message naming the setting and the entry, so a typo stops start-up instead of silently trusting nobody (or a
/// whole range: an address with a prefix, such as <c>192.168.1.7/16</c>, is refused rather than widened).
/// </summary>
public static class NetworkList
{
    private static readonly char[] Separators = [',', ';', ' ', '\t', '\n', '\r'];

    public static IReadOnlyList<IPNetwork> Parse(string? value, string settingName)
    {
        var networks = new List<IPNetwork>();
        foreach (var entry in (value ?? string.Empty).Split(Separators, StringSplitOptions.RemoveEmptyEntries))
        {
            networks.Add(ParseEntry(entry, settingName));
        }

        return networks;
    }

    public static IPNetwork ParseEntry(string entry, string settingName)
    {
        if (IPNetwork.TryParse(entry, out var network))
        {
            // .NET clears host bits silently ("192.168.1.7/16" becomes 192.168.0.0/16); in a trust list that would
            // quietly widen one address into a whole range, so such an entry is refused as ambiguous.
            var slash = entry.IndexOf('/', StringComparison.Ordinal);
            if (slash > 0 && IPAddress.TryParse(entry.AsSpan(0, slash), out var written) && !written.Equals(network.BaseAddress))
            {
                throw new InvalidOperationException(
                    $"{settingName}: \"{entry}\" has bits set after its /{network.PrefixLength} prefix; "
                    + $"write {network} for the range or {written} for the one address.");
            }

            return network;
        }

        if (IPAddress.TryParse(entry, out var address))
        {
            return new IPNetwork(address, address.GetAddressBytes().Length * 8);
        }

        throw new InvalidOperationException(
            $"{settingName}: \"{entry}\" is neither an IP address nor a CIDR range (e.g. 10.0.0.0/8).");
    }

    /// <summary>Whether <paramref name="address"/> (IPv4-mapped IPv6 is treated as IPv4) lies in any of the networks.</summary>
    public static bool Contains(IReadOnlyList<IPNetwork> networks, IPAddress address)
    {
        var normalized = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        foreach (var network in networks)
        {
            if (network.Contains(normalized))
            {
                return true;
            }
        }

        return false;
    }
}
