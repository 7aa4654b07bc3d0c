using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using OmniaKey.Application.Abstractions;
using OmniaKey.Application.Messaging;
using OmniaKey.Infrastructure.Security;
using OmniaKey.Modules.Billing.Application.Usage.ExportUsage;
using OmniaKey.Modules.Billing.Application.Usage.ListUsage;

namespace OmniaKey.Modules.Billing.Endpoints;

/// <summary>
/// Usage records: <c>GET /api/v1/usage</c> (paged, <c>{data, next_cursor}</c>) and <c>GET /api/v1/usage/export.csv</c>
/// for the customer, the same per account for operators. Filters: <c>key_id</c>, <c>model</c>, <c>from</c>, <c>to</c>.
/// </summary>
internal static class UsageEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var customer = app.MapGroup("/api/v1/usage").RequireCustomer().WithTags("Usage");
        customer.MapGet("", (
            int? limit,
            string? cursor,
            [FromQuery(Name = "key_id")] string? keyId,
            string? model,
            [FromQuery(Name = "from")] string? since,
            [FromQuery(Name = "to")] string? until,
            IDispatcher dispatcher,
            ICurrentUser user,
            CancellationToken ct) =>
            dispatcher.Query(new ListUsageQuery(user.RequireAccountId(), limit, cursor, keyId, model, since, until), ct));
        customer.MapGet("/export.csv", (
            HttpContext http,
            [FromQuery(Name = "key_id")] string? keyId,
            string? model,
            [FromQuery(Name = "from")] string? since,
            [FromQuery(Name = "to")] string? until,
            IDispatcher dispatcher,
            ICurrentUser user) =>
            ExportAsync(http, dispatcher, new ExportUsageQuery(user.RequireAccountId(), keyId, model, since, until)))
            .Produces<string>(StatusCodes.Status200OK, UsageCsv.ContentType);

        var admin = app.MapGroup("/admin/v1/accounts/{accountId:guid}/usage").RequireAdmin().WithTags("Usage (admin)");
        admin.MapGet("", (
            Guid accountId,
            int? limit,
            string? cursor,
            [FromQuery(Name = "key_id")] string? keyId,
            string? model,
            [FromQuery(Name = "from")] string? since,
            [FromQuery(Name = "to")] string? until,
            IDispatcher dispatcher,
            CancellationToken ct) =>
            dispatcher.Query(new ListUsageQuery(accountId, limit, cursor, keyId, model, since, until), ct));
        admin.MapGet("/export.csv", (
            HttpContext http,
            Guid accountId,
            [FromQuery(Name = "key_id")] string? keyId,
            string? model,
            [FromQuery(Name = "from")] string? since,
            [FromQuery(Name = "to")] string? until,
            IDispatcher dispatcher) =>
            ExportAsync(http, dispatcher, new ExportUsageQuery(accountId, keyId, model, since, until)))
            .Produces<string>(StatusCodes.Status200OK, UsageCsv.ContentType);
    }

    /// <summary>The query validates before the response starts, so a bad filter is still a 400 problem, not half a file.</summary>
    private static async Task ExportAsync(HttpContext http, IDispatcher dispatcher, ExportUsageQuery query)
    {
        var rows = await dispatcher.Query(query, http.RequestAborted);
        http.Response.ContentType = UsageCsv.ContentType;
        http.Response.Headers.ContentDisposition = "attachment; filename=\"usage.csv\"";
        await UsageCsv.WriteAsync(http.Response.Body, rows, http.RequestAborted);
    }
}
