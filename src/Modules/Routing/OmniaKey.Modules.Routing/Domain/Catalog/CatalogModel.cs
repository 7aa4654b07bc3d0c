using OmniaKey.Domain.Money;

namespace OmniaKey.Modules.Routing.Domain.Catalog;

/// <summary>A model customers can call: where it is served and what its tokens cost (list prices).</summary>
internal sealed class CatalogModel
{
    public required string Id { get; init; }

    public required string Provider { get; init; }

    public required string UpstreamModel { get; init; }

    public int ContextWindow { get; init; }

    public int MaxOutputTokens { get; init; }

    public TokenPrice InputPrice { get; init; }

    public TokenPrice OutputPrice { get; init; }

    public TokenPrice CacheReadPrice { get; init; }

    public TokenPrice CacheWritePrice { get; init; }

    public bool Enabled { get; init; }

    /// <summary>Unix seconds, as OpenAI's model objects report <c>created</c>.</summary>
    public long CreatedUnix { get; init; }
}
