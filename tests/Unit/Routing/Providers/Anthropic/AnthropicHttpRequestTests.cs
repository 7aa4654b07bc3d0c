using OmniaKey.Modules.Routing.Domain.Providers;
using OmniaKey.Modules.Routing.Infrastructure.Providers;
using Xunit;
using static OmniaKey.UnitTests.Routing.Providers.Anthropic.AnthropicTestData;

namespace OmniaKey.UnitTests.Routing.Providers.Anthropic;

/// <summary>One attempt against one channel: address and headers (docs/providers.md#anthropic-endpoint-and-headers).</summary>
public sealed class AnthropicHttpRequestTests
{
    [Theory]
    [InlineData("https://api.anthropic.com", "https://api.anthropic.com/v1/messages")]
    [InlineData("https://proxy.example.com/anthropic/", "https://proxy.example.com/anthropic/v1/messages")]
    public async Task Requests_post_the_payload_to_v1_messages_with_the_channel_key_and_api_version(string baseUrl, string expectedUrl)
    {
        var payload = Adapter.Translate(Request(UserHello()), Model());
        var target = new UpstreamTarget(Guid.NewGuid(), "main", ProviderNames.Anthropic, UpstreamTarget.NormalizeBaseUrl(baseUrl), "sk-ant-secret");

        using var request = Adapter.CreateHttpRequest(payload, target);

        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal(expectedUrl, request.RequestUri!.ToString());
        Assert.Equal("sk-ant-secret", Assert.Single(request.Headers.GetValues("x-api-key")));
        Assert.Equal("2023-06-01", Assert.Single(request.Headers.GetValues("anthropic-version")));
        Assert.Null(request.Headers.Authorization);
        Assert.Equal("application/json", request.Content!.Headers.ContentType!.MediaType);
        Assert.Equal(payload.Body, await request.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public void Each_attempt_gets_a_fresh_request_for_failover()
    {
        var payload = Adapter.Translate(Request(UserHello()), Model());
        var target = new UpstreamTarget(Guid.NewGuid(), "main", ProviderNames.Anthropic, UpstreamTarget.NormalizeBaseUrl("https://api.anthropic.com"), "k");

        using var first = Adapter.CreateHttpRequest(payload, target);
        using var second = Adapter.CreateHttpRequest(payload, target);

        Assert.NotSame(first, second);
        Assert.NotSame(first.Content, second.Content);
    }
}
