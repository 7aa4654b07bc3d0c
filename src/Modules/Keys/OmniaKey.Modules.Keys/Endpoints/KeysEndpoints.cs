using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OmniaKey.Application.Abstractions;
using OmniaKey.Application.Messaging;
using OmniaKey.Infrastructure.Security;
using OmniaKey.Modules.Keys.Application.ApiKeys.CreateKey;
using OmniaKey.Modules.Keys.Application.ApiKeys.GetKey;
using OmniaKey.Modules.Keys.Application.ApiKeys.ListKeys;
using OmniaKey.Modules.Keys.Application.ApiKeys.RevokeKey;
using OmniaKey.Modules.Keys.Application.ApiKeys.RotateKey;
using OmniaKey.Modules.Keys.Application.ApiKeys.UpdateKey;

namespace OmniaKey.Modules.Keys.Endpoints;

/// <summary>
/// The customer's keys. Every route by id finds only the caller's own keys: another account's key id answers 404,
/// exactly like an id that does not exist. Changes answer with a fresh read of the key (its spend included), made
/// after the change committed.
/// </summary>
internal static class KeysEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var keys = app.MapGroup("/api/v1/keys").RequireCustomer().WithTags("API keys");
        keys.MapGet("/", (string? cursor, int? limit, IDispatcher dispatcher, ICurrentUser user, CancellationToken ct) =>
            dispatcher.Query(new ListKeysQuery(user.RequireAccountId(), cursor, limit), ct));
        keys.MapGet("/{id:guid}", (Guid id, IDispatcher dispatcher, ICurrentUser user, CancellationToken ct) =>
            dispatcher.Query(new GetKeyQuery(user.RequireAccountId(), id), ct));
        keys.MapPost("/", async (HttpRequest request, IDispatcher dispatcher, ICurrentUser user, CancellationToken ct) =>
        {
            var body = await KeyRequestBody.ReadAsync(request, ct);
            var key = await dispatcher.Send(new CreateKeyCommand(user.RequireAccountId(), body.Name.Value ?? string.Empty, body.Limits), ct);
            return Results.Created($"/api/v1/keys/{key.Id}", key);
        });
        keys.MapPatch("/{id:guid}", async (Guid id, HttpRequest request, IDispatcher dispatcher, ICurrentUser user, CancellationToken ct) =>
        {
            var accountId = user.RequireAccountId();
            var body = await KeyRequestBody.ReadAsync(request, ct);
            await dispatcher.Send(new UpdateKeyCommand(accountId, id, body.Name, body.Limits), ct);
            return await dispatcher.Query(new GetKeyQuery(accountId, id), ct);
        });
        keys.MapDelete("/{id:guid}", async (Guid id, IDispatcher dispatcher, ICurrentUser user, CancellationToken ct) =>
        {
            var accountId = user.RequireAccountId();
            await dispatcher.Send(new RevokeKeyCommand(accountId, id), ct);
            return await dispatcher.Query(new GetKeyQuery(accountId, id), ct);
        });
        keys.MapPost("/{id:guid}/rotate", async (Guid id, HttpRequest request, IDispatcher dispatcher, ICurrentUser user, CancellationToken ct) =>
        {
            var overlapSeconds = await RotateRequestBody.ReadOverlapSecondsAsync(request, ct);
            var key = await dispatcher.Send(new RotateKeyCommand(user.RequireAccountId(), id, overlapSeconds), ct);
            return Results.Created($"/api/v1/keys/{key.Id}", key);
        });
    }
}
