// The whole balancer is configuration (appsettings.json, overridable by environment variables such as
// ReverseProxy__Clusters__omniakey__Destinations__a__Address): YARP reads routes, clusters, load balancing and health
// checks from the "ReverseProxy" section.

// `--probe <url>`: exit 0 when the URL answers 2xx within 3 seconds, else 1. The chiselled image has no shell or curl,
// so this is what its container health check runs (deploy/compose.yaml).
if (args is ["--probe", var probeUrl])
{
    return await Probe.RunAsync(probeUrl);
}

var builder = WebApplication.CreateBuilder(args);

// No "Server: Kestrel" header: it tells a caller nothing it needs (the instances behind do the same).
builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);
builder.Services.AddReverseProxy().LoadFromConfig(builder.Configuration.GetSection("ReverseProxy"));

var app = builder.Build();

// The balancer's own liveness, for its container health check; never forwarded to an instance.
app.MapGet("/balancer/health", () => Results.Text("ok"));
app.MapReverseProxy();
await app.RunAsync();
return 0;

internal static class Probe
{
    public static async Task<int> RunAsync(string url)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(3) };
        try
        {
            using var response = await client.GetAsync(new Uri(url));
            return response.IsSuccessStatusCode ? 0 : 1;
        }
        catch (HttpRequestException)
        {
            return 1;
        }
        catch (TaskCanceledException)
        {
            return 1;
        }
    }
}
