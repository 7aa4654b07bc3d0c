using OmniaKey.Application.Paging;

namespace OmniaKey.Infrastructure.Audit;

/// <summary>The audit list's opaque <c>next_cursor</c>: the last entry's (time, id), see <see cref="KeysetCursor"/>.</summary>
internal static class AuditCursor
{
    public static string Encode(DateTimeOffset occurredAt, Guid id) => KeysetCursor.Encode(occurredAt, id);

    /// <summary>False when the cursor is not one this list wrote; an empty cursor decodes to no position.</summary>
    public static bool TryDecode(string? cursor, out (DateTimeOffset OccurredAt, Guid Id)? position)
    {
        var valid = KeysetCursor.TryDecode(cursor, out (DateTimeOffset At, Guid Id)? decoded);
        position = decoded;
        return valid;
    }
}
