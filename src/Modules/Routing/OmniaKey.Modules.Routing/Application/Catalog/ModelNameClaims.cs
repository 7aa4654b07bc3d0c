using OmniaKey.Application.Exceptions;
using OmniaKey.Modules.Routing.Domain.Catalog;

namespace OmniaKey.Modules.Routing.Application.Catalog;

/// <summary>
/// Ids and aliases share one name space: a name resolves to exactly one model, so a new id or alias must not be
/// any model's id or alias already (disabled models included: their names stay reserved).
/// </summary>
internal static class ModelNameClaims
{
    public static async Task EnsureFreeAsync(
        IModelRepository models, string? newId, IReadOnlyCollection<string> aliases, string? ownerId, CancellationToken cancellationToken)
    {
        string[] names = newId is null ? [.. aliases] : [newId, .. aliases];
        var holders = await models.FindHoldersAsync(names, cancellationToken);
        if (newId is not null && holders.TryGetValue(newId, out var holder))
        {
            throw holder == newId
                ? new ConflictException("model_exists", $"id: a model `{newId}` already exists (a disabled model keeps its id; PATCH it to enable it).")
                : new ConflictException("model_id_taken", $"id: `{newId}` is already an alias of model `{holder}`.");
        }

        foreach (var alias in aliases)
        {
            if (holders.TryGetValue(alias, out var owner) && owner != ownerId)
            {
                var what = owner == alias ? "the id of a model" : $"an alias of model `{owner}`";
                throw new ConflictException("alias_taken", $"aliases: `{alias}` is already {what}.");
            }
        }
    }
}
