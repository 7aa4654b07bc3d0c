using OmniaKey.Modules.Routing.Domain.Catalog;

namespace OmniaKey.Modules.Routing.Domain.Pricing;

/// <summary>
/// What a request sends as input, as the hold counts it: the bytes of everything but inline media payloads (text,
/// tool definitions, JSON punctuation), and the number of image, audio and file parts.
/// </summary>
internal readonly record struct InputParts(long TextBytes, int Images, int Audios, int Files)
{
    /// <summary>
    /// An upper bound of the input tokens the provider may bill (ADR 0015): one token per text byte (no tokenizer
    /// makes a token of less than a byte, whichever provider's), each media part at the model's maximum for its
    /// kind; never more than the context window, since the provider refuses a longer prompt rather than bill it.
    /// </summary>
    public long EstimateTokens(MediaInputLimits limits, int contextWindow)
    {
        var tokens = TextBytes + MediaTokens(limits);
        return contextWindow > 0 ? Math.Min(tokens, contextWindow) : tokens;
    }

    /// <summary>The image, audio and file parts, each at the model's maximum for its kind.</summary>
    public long MediaTokens(MediaInputLimits limits) =>
        ((long)Images * limits.ImageTokens) + ((long)Audios * limits.AudioTokens) + ((long)Files * limits.FileTokens);
}
