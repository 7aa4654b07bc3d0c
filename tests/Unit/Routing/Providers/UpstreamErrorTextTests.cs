using OmniaKey.Modules.Routing.Infrastructure.Providers;
using Xunit;

namespace OmniaKey.UnitTests.Routing.Providers;

/// <summary>Upstream error messages that reveal our provider account are replaced; the rest pass through.</summary>
public sealed class UpstreamErrorTextTests
{
    [Theory]
    [InlineData(400, "Incorrect API key provided: sk-proj-abc123***xyz. You can find your API key at https://platform.openai.com/account/api-keys.")]
    [InlineData(429, "Rate limit reached for gpt-4o in organization org-AbCdEf123456 on tokens per min (TPM): Limit 30000, Used 29000.")]
    [InlineData(429, "You exceeded your current quota, please check your plan and billing details.")]
    [InlineData(400, "Project proj_Abc123XYZ does not have access to model gpt-5")]
    [InlineData(400, "API key not valid. Please pass a valid API key.")]
    [InlineData(500, "upstream said sk-ant-api03-abcdef")]
    [InlineData(500, "key=AIzaSyA1b2C3d4E5f6 was used")]
    [InlineData(402, "Your credit balance is too low to access the Anthropic API.")]
    [InlineData(429, "Quota exceeded for quota metric 'Generate Content API requests per minute' of service 'generativelanguage.googleapis.com' for consumer 'project_number:123456'.")]
    public void Messages_revealing_our_account_are_replaced(int status, string message)
    {
        var error = new UpstreamError(status, "some_type", "some_code", message, "param");

        Assert.NotEqual(message, error.Message);
        Assert.DoesNotMatch("sk-|org-|proj_|AIza|123456", error.Message);
        Assert.Equal(status, error.Status);
        Assert.Equal("some_type", error.Type);
        Assert.Equal("some_code", error.Code);
        Assert.Equal("param", error.Param);
    }

    [Fact]
    public void A_429_gets_a_neutral_rate_limit_message() =>
        Assert.Equal(UpstreamErrorText.RateLimitMessage, UpstreamErrorText.Neutralize(429, "Rate limit reached in organization org-abc123."));

    [Theory]
    [InlineData(401, "Incorrect API key provided: sk-fake***.")]
    [InlineData(401, "invalid x-api-key")]
    [InlineData(403, "Country, region, or territory not supported")]
    public void Any_401_or_403_is_about_our_credential(int status, string message)
    {
        var error = new UpstreamError(status, "invalid_request_error", "invalid_api_key", message);

        Assert.Equal(UpstreamErrorText.CredentialMessage, error.Message);
        Assert.True(error.CredentialRejected);
        Assert.True(error.IsChannelFailure);
    }

    [Theory]
    [InlineData(400, "This model's maximum context length is 128000 tokens. However, your messages resulted in 130000 tokens.")]
    [InlineData(404, "The model `gpt-9` does not exist or you do not have access to it.")]
    [InlineData(500, "The server had an error while processing your request. Sorry about that!")]
    [InlineData(529, "Overloaded")]
    [InlineData(400, "Invalid 'messages[0].content': string too long.")]
    public void Other_messages_pass_through_unchanged(int status, string message)
    {
        var error = new UpstreamError(status, "t", null, message);

        Assert.Equal(message, error.Message);
        Assert.False(error.CredentialRejected);
    }
}
