using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OmniaKey.Application.Messaging;
using OmniaKey.Modules.Policies.Contracts;

namespace OmniaKey.Modules.Policies.Endpoints;

internal static class TermsEndpoints
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/api/v1/terms/current", (IDispatcher dispatcher, CancellationToken ct) =>
            dispatcher.Query(new GetCurrentTermsQuery(), ct))
            .AllowAnonymous()
            .WithTags("Terms");
}
