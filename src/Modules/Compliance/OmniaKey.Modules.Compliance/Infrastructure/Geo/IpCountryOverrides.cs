using System.Net;
using Microsoft.Extensions.Configuration;
using OmniaKey.Infrastructure.Web;

namespace OmniaKey.Modules.Compliance.Infrastructure.Geo;

/// <summary>
/// The operator's own IP → country table (<c>Compliance:IpCountryOverrides</c>): <c>CIDR=CC</c> pairs, as one
/// comma-separated string or as a list. It wins over the database, for ranges the database gets wrong or an office
/// network; the most specific range wins when several match. A malformed pair stops start-up with its text.
/// </summary>
internal sealed class IpCountryOverrides
{
    public const string SettingKey = "Compliance:IpCountryOverrides";

    private static readonly char[] Separators = [',', ';', '\n', '\r'];

    private readonly (IPNetwork Network, string Country)[] entries;

    public IpCountryOverrides(IEnumerable<string> pairs)
    {
        entries = [.. pairs
            .SelectMany(p => p.Split(Separators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Select(ParsePair)
            .OrderByDescending(e => e.Network.PrefixLength)];
    }

    public int Count => entries.Length;

    public static IpCountryOverrides FromConfiguration(IConfiguration configuration)
    {
        var section = configuration.GetSection(SettingKey);
        var pairs = section.Value is { } single ? [single] : section.GetChildren().Select(c => c.Value ?? string.Empty);
        return new IpCountryOverrides(pairs);
    }

    public string? Find(IPAddress address)
    {
        var normalized = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        foreach (var (network, country) in entries)
        {
            if (network.Contains(normalized))
            {
                return country;
            }
        }

        return null;
    }

    private static (IPNetwork Network, string Country) ParsePair(string pair)
    {
        var equals = pair.IndexOf('=', StringComparison.Ordinal);
        var country = equals < 0 ? string.Empty : pair[(equals + 1)..].Trim();
        if (equals < 0 || country.Length != 2 || !country.All(char.IsAsciiLetter))
        {
            throw new InvalidOperationException(
                $"{SettingKey}: \"{pair}\" must be CIDR=CC, e.g. 203.0.113.0/24=US (a two-letter ISO 3166-1 code).");
        }

        return (NetworkList.ParseEntry(pair[..equals].Trim(), SettingKey), country.ToUpperInvariant());
    }
}
