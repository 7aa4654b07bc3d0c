using System.Data.Common;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OmniaKey.Application.Abstractions;
using OmniaKey.Infrastructure.Security.AdminTokens;
using OmniaKey.Infrastructure.Web;

namespace OmniaKey.Infrastructure.Audit;

/// <summary>
/// On every admin route (added by <c>RequireAdmin()</c>), records each state-changing request — anything but GET,
/// HEAD and OPTIONS — in the audit trail (ADR 0031):
/// <list type="bullet">
/// <item>a request whose command commits is recorded by the unit of work in that command's transaction
/// (<see cref="AdminAuditScope"/>), so a committed change always has its entry and a rolled-back one never
/// counts as done;</item>
/// <item>a refused or failed request (an exception, or a 4xx/5xx result) is recorded after its rollback, in a
/// transaction of its own, with the status and error code;</item>
/// <item>a successful request that sent no command is recorded after it, in a transaction of its own;</item>
/// <item>the targeted resource as it was before the request is read first, on routes whose module declares how
/// (<see cref="AuditBefore"/>);</item>
/// <item>when the command returned nothing (suspend, reactivate, terminate), the resource the endpoint answered with
/// is added to the committed entry afterwards, best effort.</item>
/// </list>
/// Reads are never recorded.
/// </summary>
internal sealed class AdminAuditFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method) || HttpMethods.IsOptions(http.Request.Method))
        {
            return await next(context);
        }

        var audit = http.RequestServices.GetRequiredService<AdminAuditScope>();
        var before = http.GetEndpoint()?.Metadata.GetMetadata<AuditBefore>() is { } reader ? await reader.ReadAsync(http) : null;
        audit.Begin(Describe(context) with { Before = AuditRedaction.ToJson(before) });
        object? result;
        try
        {
            result = await next(context);
        }
        catch (Exception e)
        {
            if (!audit.Recorded)
            {
                var error = ErrorMapping.Map(e);
                await RecordAsync(http, audit.Failed(error.Status, error.Code));
            }

            throw;
        }

        if (audit.RecordedWithoutAfter is { } entryId && (result as IStatusCodeHttpResult)?.StatusCode is null or < 400)
        {
            await RecordAfterAsync(http, entryId, AuditRedaction.ToJson(result is IValueHttpResult value ? value.Value : result));
        }
        else if (!audit.Recorded)
        {
            var status = (result as IStatusCodeHttpResult)?.StatusCode;
            var entry = status >= 400
                ? audit.Failed(status.Value, null)
                : audit.Succeeded(result is IValueHttpResult valued ? valued.Value : result);
            await RecordAsync(http, entry);
        }

        return result;
    }

    private static PendingAdminAction Describe(EndpointFilterInvocationContext context)
    {
        var http = context.HttpContext;
        var endpoint = http.GetEndpoint() as RouteEndpoint;
        var (action, targetType, targetParameter) = endpoint is null
            ? (http.Request.Path.Value ?? string.Empty, null, null)
            : AdminActionName.From(endpoint.RoutePattern, http.Request.Method);
        var targetId = targetParameter is not null && http.Request.RouteValues.TryGetValue(targetParameter, out var raw) ? raw?.ToString() : null;
        return new PendingAdminAction(
            AdminActors.Of(http.User),
            action,
            http.Request.Method,
            http.Request.Path.Value ?? string.Empty,
            targetType,
            targetId,
            AuditRedaction.ToJson(Parameters(context, endpoint)),
            http.TraceIdentifier);
    }

    /// <summary>Route values, query, <c>Idempotency-Key</c> and the body as the endpoint bound it (never a service).</summary>
    private static JsonObject Parameters(EndpointFilterInvocationContext context, RouteEndpoint? endpoint)
    {
        var http = context.HttpContext;
        var parameters = new JsonObject();
        var route = new JsonObject();
        foreach (var (name, value) in http.Request.RouteValues)
        {
            route[name] = value?.ToString();
        }

        if (route.Count > 0)
        {
            parameters["route"] = route;
        }

        if (http.Request.Query.Count > 0)
        {
            parameters["query"] = new JsonObject(http.Request.Query.Select(q => KeyValuePair.Create(q.Key, (JsonNode?)q.Value.ToString())));
        }

        if (http.Request.Headers.TryGetValue("Idempotency-Key", out var idempotencyKey))
        {
            parameters["idempotency_key"] = idempotencyKey.ToString();
        }

        var bodyType = endpoint?.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType;
        var body = bodyType is null ? null : context.Arguments.FirstOrDefault(a => a is not null && bodyType.IsInstanceOfType(a));
        if (body is not null && AuditRedaction.ToJson(body) is { } json)
        {
            parameters["body"] = JsonNode.Parse(json);
        }

        return parameters;
    }

    private static Task RecordAsync(HttpContext http, AuditEntry entry) =>
        WriteAsync(http, $"{entry.Action} ({entry.Result})", trail =>
        {
            trail.Entries.Add(entry);
            return Task.CompletedTask;
        });

    /// <summary>
    /// The committed entry of a command that returned nothing gets the resource the endpoint answered with. Best
    /// effort: the entry itself, with its parameters, is already committed.
    /// </summary>
    private static Task RecordAfterAsync(HttpContext http, Guid entryId, string? after) =>
        after is null or "{}" ? Task.CompletedTask : WriteAsync(http, $"the result of entry {entryId}", async trail =>
        {
            if (await trail.Entries.FindAsync(entryId) is { } entry)
            {
                entry.After = after;
            }
        });

    private static async Task WriteAsync(HttpContext http, string what, Func<AuditDbContext, Task> change)
    {
        // A fresh scope: the request's own transaction has ended (committed, rolled back, or never began), and the
        // entry is written whether or not the client is still there.
        await using var scope = http.RequestServices.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope();
        try
        {
            var unitOfWork = scope.ServiceProvider.GetRequiredService<IUnitOfWork>();
            var trail = scope.ServiceProvider.GetRequiredService<AuditDbContext>();
            await unitOfWork.RunAsync(
                async () =>
                {
                    await change(trail);
                    return true;
                },
                CancellationToken.None);
        }
        catch (Exception e) when (e is DbException or DbUpdateException or InvalidOperationException)
        {
            scope.ServiceProvider.GetRequiredService<ILogger<AdminAuditFilter>>()
                .LogError(e, "Could not record {What} in the audit trail", what);
        }
    }
}
