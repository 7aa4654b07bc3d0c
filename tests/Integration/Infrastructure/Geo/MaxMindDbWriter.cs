using System.Net;
using System.Net.Sockets;

namespace OmniaKey.IntegrationTests.Infrastructure.Geo;

/// <summary>How a test database stores a country: as GeoLite2/GeoIP2 Country does, or flat as ip-location-db does.</summary>
public enum MaxMindDbLayout
{
    /// <summary><c>{country: {iso_code, geoname_id, names}, registered_country: {...}}</c>.</summary>
    GeoLite2Country,

    /// <summary>Only <c>registered_country</c> (as GeoLite2 has for some anycast and satellite ranges).</summary>
    GeoLite2RegisteredCountryOnly,

    /// <summary><c>{country_code}</c> at the top level.</summary>
    Flat,
}

/// <summary>
/// Writes MaxMind DB files (https://maxmind.github.io/MaxMind-DB/) for tests: a binary search tree over the address
/// bits (IPv6 databases keep IPv4 at ::/96 and alias ::ffff:0:0/96 to it, as MaxMind's own do), 24/28/32-bit
/// records, the 16-byte separator, the data section (each distinct value once) and the metadata map after
/// <c>\xAB\xCD\xEFMaxMind.com</c>. Narrower ranges override the broader ranges they sit in, whatever the input order.
/// </summary>
public static class MaxMindDbWriter
{
    private static readonly byte[] MetadataMarker = [0xAB, 0xCD, 0xEF, .. "MaxMind.com"u8];

    public static void Write(string path, MaxMindDbLayout layout, IEnumerable<(string Cidr, string Country)> networks, int recordSize = 24) =>
        File.WriteAllBytes(path, Build(layout, networks, recordSize));

    public static byte[] Build(MaxMindDbLayout layout, IEnumerable<(string Cidr, string Country)> networks, int recordSize = 24) =>
        Build(networks.Select(n => (n.Cidr, (object)CountryData(layout, n.Country))), new MaxMindDbOptions(RecordSize: recordSize));

    public static byte[] Build(IEnumerable<(string Cidr, object Data)> networks, MaxMindDbOptions? options = null)
    {
        options ??= new MaxMindDbOptions();
        if (options.RecordSize is not (24 or 28 or 32))
        {
            throw new ArgumentException($"Record size {options.RecordSize} is not 24, 28 or 32.", nameof(options));
        }

        var treeDepth = options.IpVersion == 6 ? 128 : 32;
        var tree = new SearchTree();
        var values = new DataValues();
        var parsed = networks.Select(n => (Network: ParseNetwork(n.Cidr, options.IpVersion), n.Data));
        foreach (var ((bits, prefix), data) in parsed.OrderBy(n => n.Network.Prefix))
        {
            tree.Insert(bits, prefix, new DataLeaf(values.IndexOf(data)));
        }

        if (options.IpVersion == 6)
        {
            tree.AliasIpv4Mapped();
        }

        var nodes = tree.Number();
        using var file = new MemoryStream();
        foreach (var node in nodes)
        {
            WriteNode(file, options.RecordSize, Record(node.Left), Record(node.Right));
        }

        file.Write(new byte[16]);
        file.Write(values.Section);
        file.Write(MetadataMarker);
        MaxMindDbDataEncoder.Write(file, Metadata(options, nodes.Count, treeDepth));
        return file.ToArray();

        long Record(object? child) => child switch
        {
            null => nodes.Count,
            TreeNode node => node.Number,
            DataLeaf leaf => nodes.Count + 16L + values.Offset(leaf.Index),
            _ => throw new InvalidOperationException("Unknown tree record."),
        };
    }

    public static Dictionary<string, object> CountryData(MaxMindDbLayout layout, string country) => layout switch
    {
        MaxMindDbLayout.Flat => new() { ["country_code"] = country },
        MaxMindDbLayout.GeoLite2RegisteredCountryOnly => new() { ["registered_country"] = GeoLite2Country(country) },
        _ => new()
        {
            ["continent"] = new Dictionary<string, object> { ["code"] = "XX", ["geoname_id"] = 1u },
            ["country"] = GeoLite2Country(country),
            ["registered_country"] = GeoLite2Country(country),
        },
    };

    private static Dictionary<string, object> GeoLite2Country(string country) => new()
    {
        ["geoname_id"] = (uint)((country[0] << 8) | country[1]),
        ["is_in_european_union"] = false,
        ["iso_code"] = country,
        ["names"] = new Dictionary<string, object> { ["en"] = $"Country {country}", ["de"] = $"Land {country}" },
    };

    private static (byte[] Bits, int Prefix) ParseNetwork(string cidr, int ipVersion)
    {
        var network = cidr.Contains('/', StringComparison.Ordinal)
            ? IPNetwork.Parse(cidr)
            : new IPNetwork(IPAddress.Parse(cidr), IPAddress.Parse(cidr).AddressFamily == AddressFamily.InterNetwork ? 32 : 128);
        var address = network.BaseAddress.GetAddressBytes();
        if (network.PrefixLength == 0)
        {
            throw new ArgumentException($"{cidr}: a whole address family cannot be one record in this writer.", nameof(cidr));
        }

        if (address.Length == 4)
        {
            return ipVersion == 6 ? ([.. new byte[12], .. address], network.PrefixLength + 96) : (address, network.PrefixLength);
        }

        return ipVersion == 6 ? (address, network.PrefixLength) : throw new ArgumentException($"{cidr} is IPv6 but the database is IPv4.", nameof(cidr));
    }

    private static void WriteNode(Stream output, int recordSize, long left, long right)
    {
        switch (recordSize)
        {
            case 24:
                WriteBigEndian(output, left, 3);
                WriteBigEndian(output, right, 3);
                break;
            case 28:
                // The middle byte carries the top nibble of each record: left's high, right's low.
                WriteBigEndian(output, left & 0xFFFFFF, 3);
                output.WriteByte((byte)((((left >> 24) & 0x0F) << 4) | ((right >> 24) & 0x0F)));
                WriteBigEndian(output, right & 0xFFFFFF, 3);
                break;
            default:
                WriteBigEndian(output, left, 4);
                WriteBigEndian(output, right, 4);
                break;
        }
    }

    private static void WriteBigEndian(Stream output, long value, int length)
    {
        if (value >> (8 * length) != 0)
        {
            throw new InvalidOperationException($"Record value {value} does not fit in {length} bytes.");
        }

        for (var i = length - 1; i >= 0; i--)
        {
            output.WriteByte((byte)(value >> (8 * i)));
        }
    }

    private static Dictionary<string, object> Metadata(MaxMindDbOptions options, int nodeCount, int treeDepth) => new()
    {
        ["binary_format_major_version"] = (ushort)2,
        ["binary_format_minor_version"] = (ushort)0,
        ["build_epoch"] = (ulong)options.BuildTime.ToUnixTimeSeconds(),
        ["database_type"] = options.DatabaseType,
        ["description"] = new Dictionary<string, object> { ["en"] = $"OmniaKey test database ({treeDepth}-bit tree)" },
        ["ip_version"] = (ushort)options.IpVersion,
        ["languages"] = new List<object> { "en", "de" },
        ["node_count"] = (uint)nodeCount,
        ["record_size"] = (ushort)options.RecordSize,
    };
}

/// <summary>Tree and metadata choices for <see cref="MaxMindDbWriter"/>.</summary>
public sealed record MaxMindDbOptions(int RecordSize = 24, int IpVersion = 6, string DatabaseType = "OmniaKey-Test-Country")
{
    public DateTimeOffset BuildTime { get; init; } = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);
}
