using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using OmniaKey.Application.Abstractions;

namespace OmniaKey.Infrastructure.Audit;

/// <summary>
/// The admin action a request is carrying out, if any (<see cref="AdminAuditFilter"/> begins it). The unit of work
/// hands it the outermost command's result inside that command's transaction, so the entry commits with the change
/// — or rolls back with it, and the filter then records the failure instead.
/// </summary>
internal sealed class AdminAuditScope(IServiceProvider services, TimeProvider clock)
{
    private PendingAdminAction? pending;

    /// <summary>Whether this request's action has been committed to the trail (by its command's transaction).</summary>
    public bool Recorded { get; private set; }

    /// <summary>The entry committed without an <see cref="AuditEntry.After"/>: its command returned nothing.</summary>
    public Guid? RecordedWithoutAfter { get; private set; }

    public void Begin(PendingAdminAction action) => pending = action;

    /// <summary>Adds the success entry to the open transaction; it counts as recorded once that commits.</summary>
    public void StageSucceeded(object? result, IUnitOfWork unitOfWork)
    {
        if (pending is null || Recorded)
        {
            return;
        }

        var entry = Succeeded(result);
        services.GetRequiredService<AuditDbContext>().Entries.Add(entry);
        unitOfWork.OnCommitted(() =>
        {
            Recorded = true;
            RecordedWithoutAfter = entry.After is null ? entry.Id : null;
        });
    }

    public AuditEntry Succeeded(object? result)
    {
        var action = pending ?? throw new InvalidOperationException("No admin action has begun.");
        // A command without a result (MediatR's Unit) serialises as {}: nothing to show.
        var after = AuditRedaction.ToJson(result) is { } json && json != "{}" ? json : null;
        return Entry(action, AuditEntry.Succeeded, after, statusCode: null, errorCode: null, action.TargetId ?? IdOf(after));
    }

    public AuditEntry Failed(int statusCode, string? errorCode)
    {
        var action = pending ?? throw new InvalidOperationException("No admin action has begun.");
        return Entry(action, AuditEntry.Failed, after: null, statusCode, errorCode, action.TargetId);
    }

    private AuditEntry Entry(PendingAdminAction action, string result, string? after, int? statusCode, string? errorCode, string? targetId)
    {
        var now = clock.GetUtcNow();
        return new AuditEntry
        {
            Id = Guid.CreateVersion7(now),
            OccurredAt = now,
            Actor = action.Actor,
            Action = action.Action,
            Method = action.Method,
            Path = action.Path,
            TargetType = action.TargetType,
            TargetId = targetId,
            Parameters = action.Parameters,
            Before = action.Before,
            After = after,
            Result = result,
            StatusCode = statusCode,
            ErrorCode = errorCode,
            RequestId = action.RequestId,
        };
    }

    /// <summary>A route without a target parameter (a create) names its target by the result's id, or a Terms version.</summary>
    private static string? IdOf(string? after)
    {
        if (after is null || JsonNode.Parse(after) is not JsonObject result)
        {
            return null;
        }

        var id = result["id"] ?? result["version"];
        return id is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
    }
}

/// <summary>What the filter knows of an admin action before it runs.</summary>
internal sealed record PendingAdminAction(
    string Actor,
    string Action,
    string Method,
    string Path,
    string? TargetType,
    string? TargetId,
    string? Parameters,
    string? RequestId)
{
    /// <summary>The target as the admin API showed it before the request, redacted JSON; null when unknown.</summary>
    public string? Before { get; init; }
}
