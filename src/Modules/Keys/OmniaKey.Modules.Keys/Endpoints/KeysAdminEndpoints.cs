using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OmniaKey.Application.Messaging;
using OmniaKey.Infrastructure.Security;
using OmniaKey.Modules.Keys.Application.ApiKeys.RevokeKey;
using OmniaKey.Infrastructure.Audit;
using OmniaKey.Modules.Keys.Application.ApiKeys.GetKey;

namespace OmniaKey.Modules.Keys.Endpoints;

/// <summary>
/// Operators act on a customer's keys under the account they belong to, so a key id alone (guessed or mistyped)
/// never reaches another account's key: the same revocation as the customer's, with the same instant eviction.
/// </summary>
internal static class KeysAdminEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/admin/v1/accounts/{accountId:guid}/keys").RequireAdmin().WithTags("API keys (admin)")
            .AuditBefore(route => route.RouteGuid("accountId") is { } accountId && route.RouteGuid("keyId") is { } keyId ? new GetKeyQuery(accountId, keyId) : null);
        admin.MapPost("/{keyId:guid}/revoke", (Guid accountId, Guid keyId, IDispatcher dispatcher, CancellationToken ct) =>
            dispatcher.Send(new RevokeKeyCommand(accountId, keyId), ct));
    }
}
