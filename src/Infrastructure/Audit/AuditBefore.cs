using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using OmniaKey.Application.Exceptions;
using OmniaKey.Application.Messaging;

namespace OmniaKey.Infrastructure.Audit;

/// <summary>
/// Endpoint metadata: how to read the targeted resource as the admin API shows it, so the audit trail records what it
/// looked like before the request ran (<see cref="AuditEntry.Before"/>). A module declares it where it maps its admin
/// routes, usually with the query its own <c>GET</c> route sends.
/// </summary>
public sealed class AuditBefore(Func<HttpContext, CancellationToken, Task<object?>> read)
{
    /// <summary>The resource, or null when the route has no target yet (a create) or the target does not exist.</summary>
    internal async Task<object?> ReadAsync(HttpContext http)
    {
        try
        {
            return await read(http, http.RequestAborted);
        }
        catch (NotFoundException)
        {
            // The request itself will answer 404; there was nothing before it.
            return null;
        }
    }
}

public static class AuditBeforeExtensions
{
    /// <summary>
    /// Records the targeted resource as it was before each state-changing request of these routes, read by the query
    /// that <paramref name="query"/> builds from the route values (null when the route names no target, e.g. a create).
    /// </summary>
    public static TBuilder AuditBefore<TBuilder, TResult>(this TBuilder builder, Func<RouteValueDictionary, IQuery<TResult>?> query)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new AuditBefore(async (http, ct) =>
        {
            if (query(http.Request.RouteValues) is not { } read)
            {
                return null;
            }

            // A scope of its own: what the read loads must not sit in the request's change trackers, where the
            // command would find the old state instead of reading the row it is about to change.
            await using var scope = http.RequestServices.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<IDispatcher>().Query(read, ct);
        }));

    /// <summary>The route value <paramref name="name"/> as a GUID, or null when the route has none.</summary>
    public static Guid? RouteGuid(this RouteValueDictionary values, string name) =>
        values.TryGetValue(name, out var raw) && Guid.TryParse(raw?.ToString(), out var id) ? id : null;
}
