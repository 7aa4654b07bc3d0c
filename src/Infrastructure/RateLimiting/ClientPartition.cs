using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Http;

namespace OmniaKey.Infrastructure.RateLimiting;

/// <summary>
/// The key per-IP limits count under: the client IP (<c>Connection.RemoteIpAddress</c>, after the trusted-proxy
/// rules of docs/geoip.md). An IPv6 client counts by its /64 network, which one subscriber usually holds whole, so
/// that rotating through its addresses gains nothing; an IPv4-mapped address counts as the IPv4 address.
/// </summary>
public static class ClientPartition
{
    public const string Unknown = "unknown";

    public static string Of(HttpContext http) => Of(http.Connection.RemoteIpAddress);

    public static string Of(IPAddress? address)
    {
        if (address is null)
        {
            return Unknown;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out _);
        bytes[8..].Clear();
        return new IPAddress(bytes).ToString() + "/64";
    }
}
