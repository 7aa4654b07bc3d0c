namespace OmniaKey.Modules.Routing.Infrastructure.Providers.Anthropic;

/// <summary>The fixed parts of Anthropic's Messages API the gateway relies on (docs/providers.md#anthropic-endpoint-and-headers).</summary>
internal static class AnthropicApi
{
    /// <summary>Relative to the channel's base URL, which (like the SDK's) does not include <c>/v1</c>.</summary>
    public const string MessagesPath = "v1/messages";

    /// <summary>
    /// The API version sent on every call. 2023-06-01 rather than the SDK 1.x default 2026-10-21:
    /// 2026-10-21 answers any <c>temperature</c> or <c>top_p</c> with a 400, so OpenAI clients that set them — most
    /// do — would fail; 2023-06-01 accepts them and its response formats are the same.
    /// </summary>
    public const string Version = "2023-06-01";

    public const string ApiKeyHeader = "x-api-key";

    public const string VersionHeader = "anthropic-version";

    /// <summary>
    /// Used only when the catalogue does not know the model's output limit, since Anthropic requires
    /// <c>max_tokens</c> and OpenAI clients usually omit it.
    /// </summary>
    public const int FallbackMaxTokens = 4096;
}
