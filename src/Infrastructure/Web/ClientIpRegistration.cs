using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace OmniaKey.Infrastructure.Web;

/// <summary>
/// The one client IP every surface records or judges: <c>HttpContext.Connection.RemoteIpAddress</c> after ASP.NET
/// Core's forwarded-headers middleware. <c>X-Forwarded-For</c> is honoured only when the peer that sent it is listed in
/// <c>Compliance:TrustedProxies</c> (IPs and CIDRs); empty trusts nobody, so the socket address stands. The framework's
/// default of trusting loopback is removed: a gateway must not take a client's word for where it is.
/// </summary>
public static class ClientIpRegistration
{
    public const string TrustedProxiesKey = "Compliance:TrustedProxies";

    public static IServiceCollection AddClientIp(this IServiceCollection services, IConfiguration configuration)
    {
        var trusted = NetworkList.Parse(configuration[TrustedProxiesKey], TrustedProxiesKey);
        services.Configure<ForwardedHeadersOptions>(options =>
        {
            // ASP.NET Core trusts EVERY peer when both trust lists are empty; here empty means trust nobody, so
            // nothing is forwarded at all and the socket address stands.
            // X-Forwarded-Proto too: TLS ends at the balancer, and HSTS is sent only on requests it saw as HTTPS.
            options.ForwardedHeaders = trusted.Count == 0 ? ForwardedHeaders.None : ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            foreach (var network in trusted)
            {
                options.KnownIPNetworks.Add(network);
            }

            // Walk back through a chain of trusted proxies; the first untrusted hop is the client.
            options.ForwardLimit = null;
        });
        return services;
    }

    /// <summary>First in the pipeline, so that everything after it sees the client's address.</summary>
    public static IApplicationBuilder UseClientIp(this IApplicationBuilder app) => app.UseForwardedHeaders();
}
