using System.Net;

namespace OmniaKey.Modules.Compliance.Application.Geo;

/// <summary>
/// IP → country, from memory: the operator's overrides (<c>Compliance:IpCountryOverrides</c>) first, then the
/// MaxMind-format database at <c>Compliance:GeoIp:DatabasePath</c>. Null when neither knows the address (or no
/// database is configured): the decision then rests on the other signals.
/// </summary>
internal interface IIpCountryResolver
{
    IpCountry? Resolve(IPAddress address);
}

/// <summary>An ISO 3166-1 alpha-2 country (upper case) and where it came from: <see cref="Override"/> or <see cref="Database"/>.</summary>
internal sealed record IpCountry(string Code, string Source)
{
    public const string Override = "ip_override";

    public const string Database = "geoip";
}
