using System.Net;
using OmniaKey.Modules.Compliance.Application.Geo;

namespace OmniaKey.Modules.Compliance.Infrastructure.Geo;

/// <summary>Overrides first, then the database; both in memory.</summary>
internal sealed class IpCountryResolver(IpCountryOverrides overrides, IIpCountryDatabase database) : IIpCountryResolver
{
    public IpCountry? Resolve(IPAddress address)
    {
        if (overrides.Find(address) is { } overridden)
        {
            return new IpCountry(overridden, IpCountry.Override);
        }

        return database.FindCountry(address) is { } found ? new IpCountry(found, IpCountry.Database) : null;
    }
}
