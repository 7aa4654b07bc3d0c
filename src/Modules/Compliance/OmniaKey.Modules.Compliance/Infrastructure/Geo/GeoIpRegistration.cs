using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OmniaKey.Modules.Compliance.Application.Geo;

namespace OmniaKey.Modules.Compliance.Infrastructure.Geo;

internal static class GeoIpRegistration
{
    public static IServiceCollection AddGeoIp(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(IpCountryOverrides.FromConfiguration(configuration));
        services.AddSingleton<IIpCountryDatabase, NoIpCountryDatabase>();
        services.AddSingleton<IIpCountryResolver, IpCountryResolver>();
        return services;
    }
}
