using System.Net;
using Xunit;
using static OmniaKey.UnitTests.Routing.Providers.Anthropic.AnthropicTestData;

namespace OmniaKey.UnitTests.Routing.Providers.Anthropic;

/// <summary>Anthropic error bodies → <c>UpstreamError</c> (docs/providers.md#anthropic-errors).</summary>
public sealed class AnthropicErrorTranslationTests
{
    [Theory]
    [InlineData(400, "invalid_request_error", "max_tokens: Field required", false)]
    [InlineData(404, "not_found_error", "model: claude-nope", false)]
    [InlineData(413, "request_too_large", "Request exceeds the maximum allowed number of bytes.", false)]
    [InlineData(429, "rate_limit_error", "Number of request tokens has exceeded your per-minute rate limit", true)]
    [InlineData(500, "api_error", "Internal server error", true)]
    [InlineData(504, "timeout_error", "Request timed out", true)]
    [InlineData(529, "overloaded_error", "Overloaded", true)]
    public void Error_bodies_keep_the_status_and_anthropics_own_type_and_message(int status, string type, string message, bool channelFailure)
    {
        using var response = new HttpResponseMessage((HttpStatusCode)status);
        var body = $$"""{"type":"error","error":{"type":"{{type}}","message":"{{message}}"},"request_id":"req_011CSHoEeqs5C35K2UUqR7Fy"}""";

        var error = Adapter.ReadError(status, body, response);

        Assert.Equal(status, error.Status);
        Assert.Equal(type, error.Type);
        Assert.Equal(message, error.Message);
        Assert.Null(error.Code);
        Assert.Equal(channelFailure, error.IsChannelFailure);
        Assert.DoesNotContain("req_011", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Errors about our own Anthropic account keep their status and type, not their message (ADR 0016).</summary>
    [Theory]
    [InlineData(401, "authentication_error", "invalid x-api-key", true)]
    [InlineData(402, "billing_error", "Your credit balance is too low to access the Anthropic API.", false)]
    [InlineData(403, "permission_error", "Your API key does not have permission to use the specified resource.", true)]
    public void Errors_about_our_account_keep_status_and_type_with_a_neutral_message(int status, string type, string message, bool credentialRejected)
    {
        using var response = new HttpResponseMessage((HttpStatusCode)status);
        var body = $$$"""{"type":"error","error":{"type":"{{{type}}}","message":"{{{message}}}"}}""";

        var error = Adapter.ReadError(status, body, response);

        Assert.Equal(status, error.Status);
        Assert.Equal(type, error.Type);
        Assert.NotEqual(message, error.Message);
        Assert.Contains("gateway", error.Message, StringComparison.Ordinal);
        Assert.Equal(credentialRejected, error.CredentialRejected);
        Assert.Equal(credentialRejected, error.IsChannelFailure);
    }

    [Fact]
    public void Retry_after_of_a_429_is_kept()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        response.Headers.TryAddWithoutValidation("retry-after", "17");

        var error = Adapter.ReadError(429, """{"type":"error","error":{"type":"rate_limit_error","message":"slow down"}}""", response);

        Assert.Equal(TimeSpan.FromSeconds(17), error.RetryAfter);
    }

    [Theory]
    [InlineData("<html><body>502 Bad Gateway</body></html>")]
    [InlineData("")]
    [InlineData("""{"message":"no error object"}""")]
    public void Bodies_that_are_not_anthropic_errors_get_a_generic_message_with_the_status(string body)
    {
        using var response = new HttpResponseMessage(HttpStatusCode.BadGateway);

        var error = Adapter.ReadError(502, body, response);

        Assert.Equal(502, error.Status);
        Assert.Equal("upstream_error", error.Type);
        Assert.Contains("502", error.Message, StringComparison.Ordinal);
    }
}
