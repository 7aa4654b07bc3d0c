namespace OmniaKey.Modules.Routing.Infrastructure.Providers;

/// <summary>The upstream providers, as stored on models and channels and shown in <c>error.metadata.provider</c>.</summary>
internal static class ProviderNames
{
    public const string OpenAi = "openai";
    public const string Anthropic = "anthropic";
    public const string Gemini = "gemini";

    public static IReadOnlyList<string> All { get; } = [OpenAi, Anthropic, Gemini];

    public static bool IsKnown(string? provider) => provider is OpenAi or Anthropic or Gemini;
}
