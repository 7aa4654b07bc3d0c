using OmniaKey.Application.Messaging;

namespace OmniaKey.Modules.Routing.Application.Catalog.GetModel;

/// <summary>One catalogue model by its id (not an alias), enabled or not.</summary>
internal sealed record GetModelQuery(string Id) : IQuery<CatalogModelDto>;
