using OmniaKey.Application.Paging;

namespace OmniaKey.Modules.Compliance.Application.Paging;

/// <summary>
/// The opaque <c>next_cursor</c> of Compliance's lists: a page's last row as a rank (the review queue puts open
/// reviews first; the decision log has one rank), its time and its id (see <see cref="KeysetCursor"/>).
/// </summary>
internal static class PageCursor
{
    public static string Encode(int rank, DateTimeOffset at, Guid id) => KeysetCursor.Encode(rank, at, id);

    /// <summary>False when the cursor is not one this service wrote; an empty cursor decodes to no position.</summary>
    public static bool TryDecode(string? cursor, out (int Rank, DateTimeOffset At, Guid Id)? position) =>
        KeysetCursor.TryDecode(cursor, out position);
}

/// <summary>A page of a list: <c>{data, next_cursor}</c>; <see cref="NextCursor"/> is null on the last page.</summary>
internal sealed record PageDto<T>(IReadOnlyList<T> Data, string? NextCursor);
