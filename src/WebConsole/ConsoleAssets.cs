using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace OmniaKey.WebConsole;

/// <summary>
/// The console's one stylesheet and one script, embedded in this assembly and served from memory at
/// <c>/console/assets/…?v=&lt;hash&gt;</c>: cached for a year (the hash changes with the content), the same in a
/// published build, a container and a test host, with no static-file set-up to get wrong.
/// </summary>
public static class ConsoleAssets
{
    private static readonly Dictionary<string, Asset> Files = new(StringComparer.Ordinal)
    {
        ["site.css"] = Load("site.css", "text/css; charset=utf-8"),
        ["site.js"] = Load("site.js", "text/javascript; charset=utf-8"),
    };

    /// <summary>The URL of an asset, with its content hash so a new version is never served from an old cache.</summary>
    public static string Url(string name) => $"/console/assets/{name}?v={Files[name].Version}";

    internal static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/console/assets/{name}", (string name, HttpContext http) =>
        {
            if (!Files.TryGetValue(name, out var asset))
            {
                return Results.NotFound();
            }

            http.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
            http.Response.Headers.ETag = $"\"{asset.Version}\"";
            return Results.Bytes(asset.Content, asset.ContentType);
        }).ExcludeFromDescription();

    private static Asset Load(string name, string contentType)
    {
        using var stream = typeof(ConsoleAssets).Assembly.GetManifestResourceStream("OmniaKey.WebConsole.Assets." + name)
            ?? throw new InvalidOperationException($"The console asset {name} is not embedded.");
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        var content = memory.ToArray();
        return new Asset(content, contentType, Convert.ToHexStringLower(SHA256.HashData(content))[..16]);
    }

    private sealed record Asset(byte[] Content, string ContentType, string Version);
}
