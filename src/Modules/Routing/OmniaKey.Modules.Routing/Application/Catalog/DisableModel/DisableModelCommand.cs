using OmniaKey.Application.Messaging;

namespace OmniaKey.Modules.Routing.Application.Catalog.DisableModel;

/// <summary>
/// What <c>DELETE /admin/v1/models/{id}</c> does: the model stops being listed and callable at once, but its row
/// stays, so its id and aliases keep one meaning in usage history and the seeder never re-creates it.
/// <c>PATCH {"enabled": true}</c> brings it back.
/// </summary>
internal sealed record DisableModelCommand(string Id) : ICommand<CatalogModelDto>;
