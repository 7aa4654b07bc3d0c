using Microsoft.Extensions.Configuration;

namespace OmniaKey.Modules.Routing.Infrastructure.Upstreams;

/// <summary>
/// The upstream account a provider's calls go to, from <c>Upstreams:&lt;Provider&gt;:BaseUrl|ApiKey</c> or the
/// conventional <c>OPENAI_API_KEY</c>. (Channels stored in the database replace this with the routing issue.)
/// </summary>
internal sealed record UpstreamOptions(Uri BaseUrl, string? ApiKey, TimeSpan Timeout)
{
    public const string OpenAiDefaultBaseUrl = "https://api.openai.com/v1";

    public bool IsConfigured => !string.IsNullOrWhiteSpace(ApiKey);

    public static UpstreamOptions OpenAi(IConfiguration configuration)
    {
        var baseUrl = configuration["Upstreams:OpenAI:BaseUrl"];
        var apiKey = configuration["Upstreams:OpenAI:ApiKey"];
        var timeoutSeconds = int.TryParse(configuration["Upstreams:TimeoutSeconds"], out var seconds) ? seconds : 600;
        return new UpstreamOptions(
            new Uri((string.IsNullOrWhiteSpace(baseUrl) ? OpenAiDefaultBaseUrl : baseUrl).TrimEnd('/') + "/"),
            string.IsNullOrWhiteSpace(apiKey) ? configuration["OPENAI_API_KEY"] : apiKey,
            TimeSpan.FromSeconds(timeoutSeconds));
    }
}
