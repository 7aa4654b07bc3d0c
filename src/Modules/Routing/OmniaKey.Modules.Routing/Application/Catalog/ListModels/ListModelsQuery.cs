using OmniaKey.Application.Messaging;

namespace OmniaKey.Modules.Routing.Application.Catalog.ListModels;

/// <summary>Every catalogue model, disabled ones included, ordered by id.</summary>
internal sealed record ListModelsQuery : IQuery<IReadOnlyList<CatalogModelDto>>;
