using OmniaKey.Domain.Money;
using OmniaKey.Modules.Routing.Domain.Pricing;

namespace OmniaKey.Modules.Routing.Domain.Catalog;

/// <summary>
/// A model customers can call: where it is served, its limits, what its tokens cost (list prices) and the other
/// names (aliases) it answers to. Operators edit it through the admin API; the hot path reads read-only copies from
/// <see cref="IModelCatalog"/>. Models are disabled, never deleted, so an id keeps one meaning in usage history and
/// the seeder does not bring back a model an operator retired.
/// </summary>
internal sealed class CatalogModel
{
    // Backing fields let the init accessors below (object initialisers in the seeder and in tests) coexist with
    // the update methods, which cannot assign init-only properties.
    private readonly List<ModelAlias> aliases = [];
    private string provider = string.Empty;
    private string upstreamModel = string.Empty;
    private int contextWindow;
    private int maxOutputTokens;
    private TokenPrice inputPrice;
    private TokenPrice outputPrice;
    private TokenPrice cacheReadPrice;
    private TokenPrice cacheWritePrice;
    private bool enabled;
    private int imageInputMaxTokens;
    private int audioInputMaxTokens;
    private int fileInputMaxTokens;

    public required string Id { get; init; }

    /// <summary>One of <see cref="Providers.ProviderNames.All"/>.</summary>
    public required string Provider { get => provider; init => provider = value; }

    /// <summary>The model id sent to the provider.</summary>
    public required string UpstreamModel { get => upstreamModel; init => upstreamModel = value; }

    public int ContextWindow { get => contextWindow; init => contextWindow = value; }

    public int MaxOutputTokens { get => maxOutputTokens; init => maxOutputTokens = value; }

    public TokenPrice InputPrice { get => inputPrice; init => inputPrice = value; }

    public TokenPrice OutputPrice { get => outputPrice; init => outputPrice = value; }

    public TokenPrice CacheReadPrice { get => cacheReadPrice; init => cacheReadPrice = value; }

    public TokenPrice CacheWritePrice { get => cacheWritePrice; init => cacheWritePrice = value; }

    public bool Enabled { get => enabled; init => enabled = value; }

    /// <summary>The most input tokens the provider bills for one image part; the hold counts each image at this (ADR 0015).</summary>
    public int ImageInputMaxTokens { get => imageInputMaxTokens; init => imageInputMaxTokens = value; }

    /// <summary>The most input tokens the provider bills for one audio part.</summary>
    public int AudioInputMaxTokens { get => audioInputMaxTokens; init => audioInputMaxTokens = value; }

    /// <summary>The most input tokens the provider bills for one file (document) part.</summary>
    public int FileInputMaxTokens { get => fileInputMaxTokens; init => fileInputMaxTokens = value; }

    /// <summary>The per-part maxima together, as the hold estimate reads them.</summary>
    public MediaInputLimits MediaLimits => new(imageInputMaxTokens, audioInputMaxTokens, fileInputMaxTokens);

    /// <summary>Unix seconds, as OpenAI's model objects report <c>created</c>.</summary>
    public long CreatedUnix { get; init; }

    /// <summary>Other names that resolve to this model; unique across every model's id and aliases.</summary>
    public IReadOnlyList<ModelAlias> Aliases => aliases;

    public IEnumerable<string> AliasNames => aliases.Select(a => a.Name);

    public static CatalogModel Create(
        string id,
        string provider,
        string upstreamModel,
        int contextWindow,
        int maxOutputTokens,
        ModelPrices prices,
        MediaInputLimits mediaLimits,
        bool enabled,
        DateTimeOffset now)
    {
        var model = new CatalogModel
        {
            Id = id,
            Provider = provider,
            UpstreamModel = upstreamModel,
            ContextWindow = contextWindow,
            MaxOutputTokens = maxOutputTokens,
            ImageInputMaxTokens = mediaLimits.ImageTokens,
            AudioInputMaxTokens = mediaLimits.AudioTokens,
            FileInputMaxTokens = mediaLimits.FileTokens,
            Enabled = enabled,
            CreatedUnix = now.ToUnixTimeSeconds(),
        };
        model.Reprice(prices);
        return model;
    }

    public void Reroute(string newProvider, string newUpstreamModel)
    {
        provider = newProvider;
        upstreamModel = newUpstreamModel;
    }

    public void ChangeLimits(int newContextWindow, int newMaxOutputTokens)
    {
        contextWindow = newContextWindow;
        maxOutputTokens = newMaxOutputTokens;
    }

    public void ChangeMediaLimits(MediaInputLimits limits)
    {
        imageInputMaxTokens = limits.ImageTokens;
        audioInputMaxTokens = limits.AudioTokens;
        fileInputMaxTokens = limits.FileTokens;
    }

    public void Reprice(ModelPrices prices)
    {
        inputPrice = prices.Input;
        outputPrice = prices.Output;
        cacheReadPrice = prices.CacheRead;
        cacheWritePrice = prices.CacheWrite;
    }

    public void Enable() => enabled = true;

    public void Disable() => enabled = false;

    /// <summary>
    /// Makes <paramref name="names"/> the aliases, keeping the ones already present (so an unchanged alias is not
    /// deleted and re-inserted). Uniqueness across models is the caller's check.
    /// </summary>
    public void ReplaceAliases(IEnumerable<string> names)
    {
        var wanted = names.ToHashSet(StringComparer.Ordinal);
        aliases.RemoveAll(a => !wanted.Contains(a.Name));
        foreach (var name in wanted.Order(StringComparer.Ordinal))
        {
            if (!aliases.Exists(a => a.Name == name))
            {
                aliases.Add(new ModelAlias(name));
            }
        }
    }
}
