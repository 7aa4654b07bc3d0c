using OmniaKey.Application.Messaging;

namespace OmniaKey.Modules.Routing.Application.Catalog.CreateModel;

/// <summary>Adds a model to the catalogue; it is callable at once when <see cref="Enabled"/>.</summary>
internal sealed record CreateModelCommand(
    string Id,
    IReadOnlyList<string> Aliases,
    string Provider,
    string UpstreamModel,
    int? ContextWindow,
    int? MaxOutputTokens,
    ModelPricingInput? Pricing,
    int? ImageInputMaxTokens,
    int? AudioInputMaxTokens,
    int? FileInputMaxTokens,
    bool Enabled) : ICommand<CatalogModelDto>;
