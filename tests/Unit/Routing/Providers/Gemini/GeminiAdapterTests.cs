using OmniaKey.Modules.Routing.Domain.Providers;
using OmniaKey.Modules.Routing.Infrastructure.Providers;
using OmniaKey.Modules.Routing.Infrastructure.Providers.Gemini;
using Xunit;
using static OmniaKey.UnitTests.Routing.Providers.Gemini.GeminiTestData;

namespace OmniaKey.UnitTests.Routing.Providers.Gemini;

/// <summary>Addressing a Gemini channel: path under the base URL, method and authentication (docs/providers.md#gemini-endpoint-and-authentication).</summary>
public sealed class GeminiAdapterTests
{
    private static readonly UpstreamTarget Channel = new(
        Guid.NewGuid(), "gemini-main", ProviderNames.Gemini, UpstreamTarget.NormalizeBaseUrl("https://generativelanguage.googleapis.com"), "AIza-secret");

    [Theory]
    [InlineData(false, "https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:generateContent")]
    [InlineData(true, "https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse")]
    public void Requests_go_to_the_model_method_with_the_key_in_x_goog_api_key(bool stream, string url)
    {
        var adapter = new GeminiAdapter();
        var payload = adapter.Translate(Chat("""[{"role":"user","content":"Hi"}]""", stream ? "\"stream\":true" : ""), Flash);

        using var request = adapter.CreateHttpRequest(payload, Channel);

        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal(url, request.RequestUri!.AbsoluteUri);
        Assert.Equal("AIza-secret", Assert.Single(request.Headers.GetValues("x-goog-api-key")));
        Assert.Null(request.Headers.Authorization);
        Assert.Equal("application/json", request.Content!.Headers.ContentType!.MediaType);
        Assert.Equal(stream, payload.Stream);
    }

    [Fact]
    public void A_base_url_with_a_path_prefix_keeps_it()
    {
        var proxy = Channel with { BaseUrl = UpstreamTarget.NormalizeBaseUrl("http://127.0.0.1:8080/gemini/") };
        var adapter = new GeminiAdapter();
        using var request = adapter.CreateHttpRequest(adapter.Translate(Chat("""[{"role":"user","content":"Hi"}]"""), Flash), proxy);
        Assert.Equal("http://127.0.0.1:8080/gemini/v1beta/models/gemini-2.5-flash:generateContent", request.RequestUri!.AbsoluteUri);
    }

    [Fact]
    public void A_models_prefix_in_the_upstream_id_is_not_doubled() =>
        Assert.Equal("v1beta/models/gemini-2.0-flash:generateContent", GeminiAdapter.PathFor("models/gemini-2.0-flash", stream: false));

    [Fact]
    public void Tool_call_ids_carry_the_thought_signature_and_nothing_else()
    {
        var plain = GeminiToolCallIds.Create(null);
        var signed = GeminiToolCallIds.Create("CiQB+/sig==");

        Assert.Matches("^call_[0-9a-f]{24}$", plain);
        Assert.Null(GeminiToolCallIds.SignatureOf(plain));
        Assert.StartsWith("call_", signed, StringComparison.Ordinal);
        Assert.Equal("CiQB+/sig==", GeminiToolCallIds.SignatureOf(signed));
        Assert.Null(GeminiToolCallIds.SignatureOf("toolu_01ABC"));
        Assert.NotEqual(plain, GeminiToolCallIds.Create(null));
    }
}
