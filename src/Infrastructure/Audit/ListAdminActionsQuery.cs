using OmniaKey.Application.Messaging;

namespace OmniaKey.Infrastructure.Audit;

/// <summary>The audit trail, newest first, optionally narrowed to one actor, action or target id.</summary>
internal sealed record ListAdminActionsQuery(string? Actor, string? Action, string? TargetId, string? Cursor, int? Limit)
    : IQuery<AdminActionPage>
{
    public const int DefaultLimit = 50;
    public const int MaximumLimit = 200;
}

internal sealed record AdminActionPage(IReadOnlyList<AdminActionDto> Data, string? NextCursor);

/// <summary>
/// One recorded admin action. <see cref="Parameters"/>, <see cref="Before"/> and <see cref="After"/> are JSON (secrets redacted), returned
/// as JSON rather than as strings.
/// </summary>
internal sealed record AdminActionDto(
    Guid Id,
    DateTimeOffset OccurredAt,
    string Actor,
    string Action,
    string Method,
    string Path,
    string? TargetType,
    string? TargetId,
    System.Text.Json.Nodes.JsonNode? Parameters,
    System.Text.Json.Nodes.JsonNode? Before,
    System.Text.Json.Nodes.JsonNode? After,
    string Result,
    int? StatusCode,
    string? ErrorCode,
    string? RequestId);
