using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OmniaKey.Application.Messaging;
using OmniaKey.Infrastructure.Security;
using OmniaKey.Modules.Routing.Application.Channels;
using OmniaKey.Modules.Routing.Application.Channels.CreateChannel;
using OmniaKey.Modules.Routing.Application.Channels.DeleteChannel;
using OmniaKey.Modules.Routing.Application.Channels.ListChannels;
using OmniaKey.Modules.Routing.Application.Channels.UpdateChannel;
using OmniaKey.Infrastructure.Audit;

namespace OmniaKey.Modules.Routing.Endpoints;

/// <summary>Upstream channels, admin only. Credentials are accepted but never returned.</summary>
internal static class ChannelEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var channels = app.MapGroup("/admin/v1/channels").RequireAdmin().WithTags("Channels (admin)")
            .AuditBefore(route => route.RouteGuid("id") is { } id ? new GetChannelQuery(id) : null);
        channels.MapGet("/", async (IDispatcher dispatcher, CancellationToken ct) =>
            new ListPage<ChannelDto>(await dispatcher.Query(new ListChannelsQuery(), ct)));
        channels.MapGet("/{id:guid}", (Guid id, IDispatcher dispatcher, CancellationToken ct) =>
            dispatcher.Query(new GetChannelQuery(id), ct));
        channels.MapPost("/", async (CreateChannelRequest body, IDispatcher dispatcher, CancellationToken ct) =>
        {
            var channel = await dispatcher.Send(
                new CreateChannelCommand(body.Name ?? string.Empty, body.Provider ?? string.Empty, body.BaseUrl, body.Credential ?? string.Empty, body.Priority, body.Weight, body.Enabled, body.Models),
                ct);
            return Results.Created($"/admin/v1/channels/{channel.Id}", channel);
        });
        channels.MapPatch("/{id:guid}", (Guid id, UpdateChannelRequest body, IDispatcher dispatcher, CancellationToken ct) =>
            dispatcher.Send(new UpdateChannelCommand(id, body.Name, body.BaseUrl, body.Credential, body.Priority, body.Weight, body.Enabled, body.Models), ct));
        channels.MapDelete("/{id:guid}", async (Guid id, IDispatcher dispatcher, CancellationToken ct) =>
        {
            await dispatcher.Send(new DeleteChannelCommand(id), ct);
            return Results.NoContent();
        });
    }

    internal sealed record CreateChannelRequest(string? Name, string? Provider, string? BaseUrl, string? Credential, int? Priority, int? Weight, bool? Enabled, IReadOnlyList<string>? Models);

    internal sealed record UpdateChannelRequest(string? Name, string? BaseUrl, string? Credential, int? Priority, int? Weight, bool? Enabled, IReadOnlyList<string>? Models);
}
