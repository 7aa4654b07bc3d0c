using OmniaKey.Modules.Routing.Domain.Providers;

namespace OmniaKey.Modules.Routing.Domain.Catalog;

/// <summary>
/// The most input tokens a provider bills for one image, audio or file part of a request, per model. The hold counts
/// every such part at its maximum, so a few bytes of URL cannot stand for thousands of billed tokens (ADR 0015).
/// </summary>
internal readonly record struct MediaInputLimits(int ImageTokens, int AudioTokens, int FileTokens)
{
    /// <summary>OpenAI's largest high-detail image for the 85 + 170-per-tile family (gpt-4o, gpt-4.1): 8 tiles.</summary>
    public const int OpenAiImageTokens = 1445;

    /// <summary>Anthropic: width x height / 750, images above about 1.15 megapixels are scaled down first.</summary>
    public const int AnthropicImageTokens = 1600;

    /// <summary>Gemini: 258 tokens per 768 x 768 tile; images are scaled to fit 3072 x 3072, so at most 16 tiles.</summary>
    public const int GeminiImageTokens = 16 * 258;

    /// <summary>
    /// The defaults for a model an operator adds without naming them. Audio is billed by duration and a document by
    /// its pages (text plus an image per page), neither bounded below the context window, so both default to it.
    /// </summary>
    public static MediaInputLimits DefaultFor(string provider, int contextWindow) => new(
        provider switch
        {
            ProviderNames.Anthropic => AnthropicImageTokens,
            ProviderNames.Gemini => GeminiImageTokens,
            _ => OpenAiImageTokens,
        },
        contextWindow,
        contextWindow);
}
