namespace OmniaKey.Modules.Routing.Infrastructure.Providers;

/// <summary>The registered adapters, by provider name. Adding a provider is one adapter and one registration.</summary>
internal sealed class ProviderAdapters(IEnumerable<IProviderAdapter> adapters)
{
    private readonly Dictionary<string, IProviderAdapter> byProvider = adapters.ToDictionary(a => a.Provider, StringComparer.Ordinal);

    public IProviderAdapter? Find(string provider) => byProvider.GetValueOrDefault(provider);
}
