using System.Net;
using OmniaKey.Modules.Routing.Infrastructure.Providers;
using OmniaKey.Modules.Routing.Infrastructure.Providers.Gemini;
using Xunit;

namespace OmniaKey.UnitTests.Routing.Providers.Gemini;

/// <summary>Gemini error bodies (docs/providers.md#gemini-errors) → UpstreamError with Google's status, reason and retry delay.</summary>
public sealed class GeminiErrorReaderTests
{
    private const string InvalidKey = """
        {
          "error": {
            "code": 400,
            "message": "API key not valid. Please pass a valid API key.",
            "status": "INVALID_ARGUMENT",
            "details": [
              {
                "@type": "type.googleapis.com/google.rpc.ErrorInfo",
                "reason": "API_KEY_INVALID",
                "domain": "googleapis.com",
                "metadata": {
                  "service": "generativelanguage.googleapis.com"
                }
              },
              {
                "@type": "type.googleapis.com/google.rpc.LocalizedMessage",
                "locale": "en-US",
                "message": "API key not valid. Please pass a valid API key."
              }
            ]
          }
        }

        """;

    private const string QuotaExceeded = """
        {
          "error": {
            "code": 429,
            "message": "You exceeded your current quota, please check your plan and billing details.",
            "status": "RESOURCE_EXHAUSTED",
            "details": [
              {
                "@type": "type.googleapis.com/google.rpc.QuotaFailure",
                "violations": [
                  {
                    "quotaMetric": "generativelanguage.googleapis.com/generate_content_free_tier_requests",
                    "quotaId": "GenerateRequestsPerMinutePerProjectPerModel-FreeTier"
                  }
                ]
              },
              {
                "@type": "type.googleapis.com/google.rpc.Help",
                "links": [
                  {
                    "description": "Learn more about Gemini API quotas",
                    "url": "https://ai.google.dev/gemini-api/docs/rate-limits"
                  }
                ]
              },
              {
                "@type": "type.googleapis.com/google.rpc.RetryInfo",
                "retryDelay": "23s"
              }
            ]
          }
        }

        """;

    [Theory]
    [InlineData(404, """{"error":{"code":404,"message":"models/gemini-9 is not found for API version v1beta, or is not supported for generateContent. Call ListModels to see the list of available models and their supported methods.","status":"NOT_FOUND"}}""",
        "NOT_FOUND", null, "models/gemini-9 is not found for API version v1beta, or is not supported for generateContent. Call ListModels to see the list of available models and their supported methods.")]
    [InlineData(500, """{"error":{"code":500,"message":"An internal error has occurred. Please retry or report in https://developers.generativeai.google/guide/troubleshooting","status":"INTERNAL"}}""",
        "INTERNAL", null, "An internal error has occurred. Please retry or report in https://developers.generativeai.google/guide/troubleshooting")]
    [InlineData(503, """{"error":{"code":503,"message":"The model is overloaded. Please try again later.","status":"UNAVAILABLE"}}""",
        "UNAVAILABLE", null, "The model is overloaded. Please try again later.")]
    public void Error_bodies_keep_the_status_googles_status_reason_and_message(int status, string body, string type, string? code, string message)
    {
        var error = Read(status, body);

        Assert.Equal(status, error.Status);
        Assert.Equal(type, error.Type);
        Assert.Equal(code, error.Code);
        Assert.Equal(message, error.Message);
        Assert.Null(error.RetryAfter);
        Assert.Equal(status >= 500, error.IsChannelFailure);
        Assert.False(error.CredentialRejected);
    }

    /// <summary>Errors about our own Google project keep status, type and reason; the message is neutral (ADR 0016).</summary>
    [Theory]
    [InlineData(400, InvalidKey, "INVALID_ARGUMENT", "API_KEY_INVALID")]
    [InlineData(403, """{"error":{"code":403,"message":"Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.","status":"PERMISSION_DENIED"}}""",
        "PERMISSION_DENIED", null)]
    public void Errors_about_our_credential_are_rejected_credentials_with_a_neutral_message(int status, string body, string type, string? code)
    {
        var error = Read(status, body);

        Assert.Equal(status, error.Status);
        Assert.Equal(type, error.Type);
        Assert.Equal(code, error.Code);
        Assert.Equal(UpstreamErrorText.CredentialMessage, error.Message);
        Assert.True(error.CredentialRejected);
        Assert.True(error.IsChannelFailure);
    }

    [Fact]
    public void A_429_takes_its_retry_delay_from_retry_info_in_the_body()
    {
        var error = Read(429, QuotaExceeded);

        Assert.Equal("RESOURCE_EXHAUSTED", error.Type);
        Assert.Equal(TimeSpan.FromSeconds(23), error.RetryAfter);
        Assert.True(error.IsChannelFailure);
    }

    [Fact]
    public void A_retry_after_header_wins_over_the_body()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(5));

        var error = new GeminiAdapter().ReadError(429, QuotaExceeded, response);

        Assert.Equal(TimeSpan.FromSeconds(5), error.RetryAfter);
    }

    [Theory]
    [InlineData("23s", 23_000)]
    [InlineData("1.5s", 1_500)]
    [InlineData("0.250s", 250)]
    [InlineData("0s", 0)]
    [InlineData("23", null)]
    [InlineData("s", null)]
    [InlineData("-1s", null)]
    [InlineData(null, null)]
    public void Retry_delays_are_protobuf_durations(string? duration, int? milliseconds) =>
        Assert.Equal(milliseconds is { } ms ? TimeSpan.FromMilliseconds(ms) : null, GeminiErrorReader.ParseDuration(duration));

    [Fact]
    public void An_error_wrapped_in_an_array_is_read()
    {
        var error = Read(503, """[{"error":{"code":503,"message":"Overloaded","status":"UNAVAILABLE"}}]""");
        Assert.Equal("Overloaded", error.Message);
    }

    [Theory]
    [InlineData("<html><body>502 Bad Gateway</body></html>")]
    [InlineData("")]
    [InlineData("""{"message":"no error object"}""")]
    public void A_body_that_is_not_a_gemini_error_gets_a_generic_message_with_the_status(string body)
    {
        var error = Read(502, body);

        Assert.Equal(502, error.Status);
        Assert.Equal("upstream_error", error.Type);
        Assert.Equal("The upstream answered HTTP 502.", error.Message);
    }

    private static UpstreamError Read(int status, string body)
    {
        using var response = new HttpResponseMessage((HttpStatusCode)status);
        return new GeminiAdapter().ReadError(status, body, response);
    }
}
