using System.Net;

namespace OmniaKey.Modules.Compliance.Infrastructure.Geo;

/// <summary>A MaxMind-format country database, or none: the ISO 3166-1 alpha-2 code (upper case) of an address, or null.</summary>
internal interface IIpCountryDatabase
{
    string? FindCountry(IPAddress address);
}

/// <summary>No database configured: every address is unknown.</summary>
internal sealed class NoIpCountryDatabase : IIpCountryDatabase
{
    public string? FindCountry(IPAddress address) => null;
}
