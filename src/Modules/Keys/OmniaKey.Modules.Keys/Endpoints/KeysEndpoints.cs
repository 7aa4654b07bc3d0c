using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OmniaKey.Application.Abstractions;
using OmniaKey.Application.Messaging;
using OmniaKey.Infrastructure.Security;
using OmniaKey.Modules.Keys.Application.ApiKeys.CreateKey;
using OmniaKey.Modules.Keys.Application.ApiKeys.ListKeys;
using OmniaKey.Modules.Keys.Application.ApiKeys.RevokeKey;
using OmniaKey.Modules.Keys.Application.ApiKeys.RotateKey;

namespace OmniaKey.Modules.Keys.Endpoints;

internal static class KeysEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var keys = app.MapGroup("/api/v1/keys").RequireCustomer().WithTags("API keys");
        keys.MapGet("/", async (IDispatcher dispatcher, ICurrentUser user, CancellationToken ct) =>
            new { Data = await dispatcher.Query(new ListKeysQuery(user.RequireAccountId()), ct), NextCursor = (string?)null });
        keys.MapPost("/", async (CreateKeyRequest body, IDispatcher dispatcher, ICurrentUser user, CancellationToken ct) =>
        {
            var key = await dispatcher.Send(new CreateKeyCommand(user.RequireAccountId(), body.Name ?? string.Empty), ct);
            return Results.Created($"/api/v1/keys/{key.Id}", key);
        });
        keys.MapDelete("/{id:guid}", (Guid id, IDispatcher dispatcher, ICurrentUser user, CancellationToken ct) =>
            dispatcher.Send(new RevokeKeyCommand(user.RequireAccountId(), id), ct));
        keys.MapPost("/{id:guid}/rotate", async (Guid id, IDispatcher dispatcher, ICurrentUser user, CancellationToken ct) =>
        {
            var key = await dispatcher.Send(new RotateKeyCommand(user.RequireAccountId(), id), ct);
            return Results.Created($"/api/v1/keys/{key.Id}", key);
        });
    }

    internal sealed record CreateKeyRequest(string? Name);
}
