using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using OmniaKey.Application.Messaging;

namespace OmniaKey.Infrastructure.Audit;

internal sealed class ListAdminActionsQueryHandler(AuditDbContext trail) : IQueryHandler<ListAdminActionsQuery, AdminActionPage>
{
    public async Task<AdminActionPage> Handle(ListAdminActionsQuery query, CancellationToken cancellationToken)
    {
        var entries = trail.Entries.AsNoTracking();
        if (!string.IsNullOrEmpty(query.Actor))
        {
            entries = entries.Where(e => e.Actor == query.Actor);
        }

        if (!string.IsNullOrEmpty(query.Action))
        {
            entries = entries.Where(e => e.Action == query.Action);
        }

        if (!string.IsNullOrEmpty(query.TargetId))
        {
            entries = entries.Where(e => e.TargetId == query.TargetId);
        }

        if (AuditCursor.TryDecode(query.Cursor, out var after) && after is { } position)
        {
            // Keyset paging, newest first: stable while new entries arrive.
            entries = entries.Where(e => e.OccurredAt < position.OccurredAt || (e.OccurredAt == position.OccurredAt && e.Id.CompareTo(position.Id) < 0));
        }

        var limit = query.Limit ?? ListAdminActionsQuery.DefaultLimit;
        var rows = await entries.OrderByDescending(e => e.OccurredAt).ThenByDescending(e => e.Id).Take(limit + 1).ToListAsync(cancellationToken);
        var page = rows.Take(limit).ToList();
        var next = rows.Count > limit ? AuditCursor.Encode(page[^1].OccurredAt, page[^1].Id) : null;
        return new AdminActionPage(page.Select(ToDto).ToList(), next);
    }

    private static AdminActionDto ToDto(AuditEntry e) => new(
        e.Id, e.OccurredAt, e.Actor, e.Action, e.Method, e.Path, e.TargetType, e.TargetId,
        ParseOrNull(e.Parameters), ParseOrNull(e.Before), ParseOrNull(e.After), e.Result, e.StatusCode, e.ErrorCode, e.RequestId);

    private static JsonNode? ParseOrNull(string? json) => json is null ? null : JsonNode.Parse(json);
}
