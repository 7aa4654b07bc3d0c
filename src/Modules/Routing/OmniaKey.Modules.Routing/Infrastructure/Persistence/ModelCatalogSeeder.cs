using System.Reflection;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using OmniaKey.Domain.Money;
using OmniaKey.Infrastructure.Persistence;
using OmniaKey.Modules.Routing.Domain.Catalog;

namespace OmniaKey.Modules.Routing.Infrastructure.Persistence;

/// <summary>
/// Adds the default catalogue (model-catalog.json) models whose id is not in the database yet. Existing models are
/// never touched, so operators' edits survive every start, and a model an operator disabled stays disabled. A
/// default whose id an operator already uses as an alias is skipped, as is a default alias that is already taken.
/// Like every catalogue change, an addition evicts this instance's catalogue cache once saved.
/// </summary>
internal sealed class ModelCatalogSeeder(RoutingDbContext db, IModelCatalogCache cache) : IDataSeeder
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        var taken = (await db.Models.AsNoTracking().Select(m => m.Id).ToListAsync(cancellationToken))
            .Concat(await db.Models.AsNoTracking().SelectMany(m => m.Aliases.Select(a => a.Name)).ToListAsync(cancellationToken))
            .ToHashSet(StringComparer.Ordinal);
        var added = 0;
        foreach (var model in LoadDefaults().Where(m => !taken.Contains(m.Id)))
        {
            model.ReplaceAliases(model.AliasNames.Where(a => !taken.Contains(a)).ToList());
            taken.Add(model.Id);
            taken.UnionWith(model.AliasNames);
            db.Models.Add(model);
            added++;
        }

        if (added > 0)
        {
            await db.SaveChangesAsync(cancellationToken);
            cache.Invalidate();
        }
    }

    public static IReadOnlyList<CatalogModel> LoadDefaults()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("OmniaKey.Modules.Routing.model-catalog.json")
            ?? throw new InvalidOperationException("The embedded model catalogue is missing.");
        var file = JsonSerializer.Deserialize<CatalogFile>(stream, Json) ?? throw new InvalidOperationException("The model catalogue is empty.");
        return file.Models.Select(m =>
        {
            var defaults = MediaInputLimits.DefaultFor(m.Provider, m.ContextWindow);
            var model = new CatalogModel
            {
                Id = m.Id,
                Provider = m.Provider,
                UpstreamModel = m.UpstreamModel,
                ContextWindow = m.ContextWindow,
                MaxOutputTokens = m.MaxOutputTokens,
                ImageInputMaxTokens = m.ImageInputMaxTokens ?? defaults.ImageTokens,
                AudioInputMaxTokens = m.AudioInputMaxTokens ?? defaults.AudioTokens,
                FileInputMaxTokens = m.FileInputMaxTokens ?? defaults.FileTokens,
                InputPrice = TokenPrice.PerMillion(Money.Parse(m.Input)),
                OutputPrice = TokenPrice.PerMillion(Money.Parse(m.Output)),
                CacheReadPrice = TokenPrice.PerMillion(Money.Parse(m.CacheRead)),
                CacheWritePrice = TokenPrice.PerMillion(Money.Parse(m.CacheWrite)),
                Enabled = true,
                CreatedUnix = m.Created,
            };
            model.ReplaceAliases(m.Aliases ?? []);
            return model;
        }).ToList();
    }

    private sealed record CatalogFile(IReadOnlyList<CatalogEntry> Models);

    private sealed record CatalogEntry(
        string Id,
        IReadOnlyList<string>? Aliases,
        string Provider,
        string UpstreamModel,
        int ContextWindow,
        int MaxOutputTokens,
        string Input,
        string Output,
        string CacheRead,
        string CacheWrite,
        long Created,
        int? ImageInputMaxTokens,
        int? AudioInputMaxTokens,
        int? FileInputMaxTokens);
}
