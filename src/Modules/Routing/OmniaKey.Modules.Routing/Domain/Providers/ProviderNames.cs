namespace OmniaKey.Modules.Routing.Domain.Providers;

/// <summary>The upstream providers, as stored on models and channels and shown in <c>error.metadata.provider</c>.</summary>
internal static class ProviderNames
{
    public const string OpenAi = "openai";
    public const string Anthropic = "anthropic";
    public const string Gemini = "gemini";

    public static IReadOnlyList<string> All { get; } = [OpenAi, Anthropic, Gemini];

    public static bool IsKnown(string? provider) => provider is OpenAi or Anthropic or Gemini;

    /// <summary>Each provider's public API root; adapters append the versioned path.</summary>
    public static string DefaultBaseUrl(string provider) => provider switch
    {
        OpenAi => "https://api.openai.com/v1",
        Anthropic => "https://api.anthropic.com",
        Gemini => "https://generativelanguage.googleapis.com",
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, "Unknown provider."),
    };
}
