using Microsoft.Extensions.Configuration;
using OmniaKey.Modules.Routing.Domain.Providers;

namespace OmniaKey.Modules.Routing.Infrastructure.Upstreams;

/// <summary>
/// How long the relay waits for upstreams, and the channels configuration seeds: <c>Upstreams:&lt;Provider&gt;:ApiKey|BaseUrl</c>
/// or the conventional <c>OPENAI_API_KEY</c>, <c>ANTHROPIC_API_KEY</c>, <c>GEMINI_API_KEY</c>.
/// </summary>
internal sealed record UpstreamOptions(IReadOnlyList<ConfiguredUpstream> Configured, TimeSpan FirstByteTimeout, TimeSpan RequestTimeout, TimeSpan ProgressInterval)
{
    public static UpstreamOptions From(IConfiguration configuration)
    {
        var configured = new List<ConfiguredUpstream>();
        foreach (var (provider, section, envVar) in new[]
        {
            (ProviderNames.OpenAi, "OpenAI", "OPENAI_API_KEY"),
            (ProviderNames.Anthropic, "Anthropic", "ANTHROPIC_API_KEY"),
            (ProviderNames.Gemini, "Gemini", "GEMINI_API_KEY"),
        })
        {
            var apiKey = configuration[$"Upstreams:{section}:ApiKey"];
            apiKey = string.IsNullOrWhiteSpace(apiKey) ? configuration[envVar] : apiKey;
            var baseUrl = configuration[$"Upstreams:{section}:BaseUrl"];
            if (!string.IsNullOrWhiteSpace(apiKey))
            {
                configured.Add(new ConfiguredUpstream(provider, string.IsNullOrWhiteSpace(baseUrl) ? ProviderNames.DefaultBaseUrl(provider) : baseUrl.TrimEnd('/'), apiKey));
            }
        }

        return new UpstreamOptions(
            configured,
            TimeSpan.FromSeconds(Seconds(configuration, "Upstreams:FirstByteTimeoutSeconds", 120)),
            TimeSpan.FromSeconds(Seconds(configuration, "Upstreams:RequestTimeoutSeconds", Seconds(configuration, "Upstreams:TimeoutSeconds", 600))),
            TimeSpan.FromSeconds(Seconds(configuration, "Upstreams:ProgressRecordSeconds", 30)));
    }

    private static int Seconds(IConfiguration configuration, string key, int fallback) =>
        int.TryParse(configuration[key], out var seconds) && seconds > 0 ? seconds : fallback;
}

/// <summary>An upstream account given in configuration; it becomes the channel <c>default-&lt;provider&gt;</c>.</summary>
internal sealed record ConfiguredUpstream(string Provider, string BaseUrl, string ApiKey)
{
    public string ChannelName => "default-" + Provider;

    public override string ToString() => $"{Provider} at {BaseUrl}";
}
