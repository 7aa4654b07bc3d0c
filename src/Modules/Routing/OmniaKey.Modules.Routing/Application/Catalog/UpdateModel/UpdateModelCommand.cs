using OmniaKey.Application.Messaging;

namespace OmniaKey.Modules.Routing.Application.Catalog.UpdateModel;

/// <summary>
/// Changes a model partially (PATCH): a null field is left as it is. <see cref="Aliases"/> replaces the whole list
/// (<c>[]</c> removes every alias); each price in <see cref="Pricing"/> may be given alone. The id never changes.
/// </summary>
internal sealed record UpdateModelCommand(
    string Id,
    IReadOnlyList<string>? Aliases,
    string? Provider,
    string? UpstreamModel,
    int? ContextWindow,
    int? MaxOutputTokens,
    ModelPricingInput? Pricing,
    int? ImageInputMaxTokens,
    int? AudioInputMaxTokens,
    int? FileInputMaxTokens,
    bool? Enabled) : ICommand<CatalogModelDto>;
