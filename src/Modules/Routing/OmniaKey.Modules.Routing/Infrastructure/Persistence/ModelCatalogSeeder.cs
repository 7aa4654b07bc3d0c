using System.Reflection;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using OmniaKey.Domain.Money;
using OmniaKey.Infrastructure.Persistence;
using OmniaKey.Modules.Routing.Domain.Catalog;

namespace OmniaKey.Modules.Routing.Infrastructure.Persistence;

/// <summary>Adds the default catalogue (model-catalog.json) to a database that has no models yet.</summary>
internal sealed class ModelCatalogSeeder(RoutingDbContext db) : IDataSeeder
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        if (await db.Models.AnyAsync(cancellationToken))
        {
            return;
        }

        db.Models.AddRange(LoadDefaults());
        await db.SaveChangesAsync(cancellationToken);
    }

    public static IEnumerable<CatalogModel> LoadDefaults()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("OmniaKey.Modules.Routing.model-catalog.json")
            ?? throw new InvalidOperationException("The embedded model catalogue is missing.");
        var file = JsonSerializer.Deserialize<CatalogFile>(stream, Json) ?? throw new InvalidOperationException("The model catalogue is empty.");
        return file.Models.Select(m => new CatalogModel
        {
            Id = m.Id,
            Provider = m.Provider,
            UpstreamModel = m.UpstreamModel,
            ContextWindow = m.ContextWindow,
            MaxOutputTokens = m.MaxOutputTokens,
            InputPrice = TokenPrice.PerMillion(Money.Parse(m.Input)),
            OutputPrice = TokenPrice.PerMillion(Money.Parse(m.Output)),
            CacheReadPrice = TokenPrice.PerMillion(Money.Parse(m.CacheRead)),
            CacheWritePrice = TokenPrice.PerMillion(Money.Parse(m.CacheWrite)),
            Enabled = true,
            CreatedUnix = m.Created,
        }).ToList();
    }

    private sealed record CatalogFile(IReadOnlyList<CatalogEntry> Models);

    private sealed record CatalogEntry(
        string Id,
        string Provider,
        string UpstreamModel,
        int ContextWindow,
        int MaxOutputTokens,
        string Input,
        string Output,
        string CacheRead,
        string CacheWrite,
        long Created);
}
