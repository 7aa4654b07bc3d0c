using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace OmniaKey.Modules.Compliance.Application.Paging;

/// <summary>
/// The opaque <c>next_cursor</c> of Compliance's lists: a page's last row as a rank (the review queue puts open
/// reviews first; the decision log has one rank), its time and its id, base64url-encoded.
/// </summary>
internal static class PageCursor
{
    private const int MaximumLength = 200;

    public static string Encode(int rank, DateTimeOffset at, Guid id) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{rank}.{at.UtcTicks}.{id:N}")));

    /// <summary>False when the cursor is not one this service wrote; an empty cursor decodes to no position.</summary>
    public static bool TryDecode(string? cursor, out (int Rank, DateTimeOffset At, Guid Id)? position)
    {
        position = null;
        if (string.IsNullOrEmpty(cursor))
        {
            return true;
        }

        if (cursor.Length > MaximumLength || !Base64Url.IsValid(cursor))
        {
            return false;
        }

        var parts = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor)).Split('.');
        if (parts.Length != 3
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var rank)
            || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            || ticks > DateTimeOffset.MaxValue.UtcTicks
            || !Guid.TryParseExact(parts[2], "N", out var id))
        {
            return false;
        }

        position = (rank, new DateTimeOffset(ticks, TimeSpan.Zero), id);
        return true;
    }
}

/// <summary>A page of a list: <c>{data, next_cursor}</c>; <see cref="NextCursor"/> is null on the last page.</summary>
internal sealed record PageDto<T>(IReadOnlyList<T> Data, string? NextCursor);
