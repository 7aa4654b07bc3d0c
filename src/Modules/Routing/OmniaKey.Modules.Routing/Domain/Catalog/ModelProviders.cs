namespace OmniaKey.Modules.Routing.Domain.Catalog;

/// <summary>
/// The providers a catalogue model or a promotion may name. They are the same names as the relay's
/// <c>Infrastructure.Providers.ProviderNames</c> (a unit test keeps the two equal); the domain keeps its own copy
/// because the application layer, which validates admin input, must not depend on infrastructure.
/// </summary>
internal static class ModelProviders
{
    public static IReadOnlyList<string> All { get; } = ["openai", "anthropic", "gemini"];

    public static bool IsKnown(string? provider) => provider is not null && All.Contains(provider, StringComparer.Ordinal);
}
