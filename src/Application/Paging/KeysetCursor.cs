using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace OmniaKey.Application.Paging;

/// <summary>
/// The opaque <c>next_cursor</c> of the lists that page newest first by (time, id) — optionally after a rank, for a
/// list that sorts groups first (the review queue puts open reviews first). Base64url of <c>[rank.]ticks.id</c>, so
/// clients cannot depend on its inside, and a cursor this service did not write is refused rather than misread.
/// </summary>
public static class KeysetCursor
{
    private const int MaximumLength = 200;

    public static string Encode(DateTimeOffset at, Guid id) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{at.UtcTicks}.{id:N}")));

    public static string Encode(int rank, DateTimeOffset at, Guid id) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{rank}.{at.UtcTicks}.{id:N}")));

    /// <summary>False when the cursor is not one this service wrote; an empty cursor decodes to no position.</summary>
    public static bool TryDecode(string? cursor, out (DateTimeOffset At, Guid Id)? position)
    {
        position = null;
        if (!TrySplit(cursor, 2, out var parts))
        {
            return false;
        }

        if (parts is null)
        {
            return true;
        }

        if (!TryReadPosition(parts[0], parts[1], out var at, out var id))
        {
            return false;
        }

        position = (at, id);
        return true;
    }

    /// <summary>As <see cref="TryDecode(string?, out ValueTuple{DateTimeOffset, Guid}?)"/>, for a ranked cursor.</summary>
    public static bool TryDecode(string? cursor, out (int Rank, DateTimeOffset At, Guid Id)? position)
    {
        position = null;
        if (!TrySplit(cursor, 3, out var parts))
        {
            return false;
        }

        if (parts is null)
        {
            return true;
        }

        if (!int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var rank)
            || !TryReadPosition(parts[1], parts[2], out var at, out var id))
        {
            return false;
        }

        position = (rank, at, id);
        return true;
    }

    /// <summary>True with null parts for an empty cursor; true with the parts for a well-formed one.</summary>
    private static bool TrySplit(string? cursor, int expectedParts, out string[]? parts)
    {
        parts = null;
        if (string.IsNullOrEmpty(cursor))
        {
            return true;
        }

        if (cursor.Length > MaximumLength || !Base64Url.IsValid(cursor))
        {
            return false;
        }

        parts = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor)).Split('.');
        return parts.Length == expectedParts;
    }

    private static bool TryReadPosition(string ticksText, string idText, out DateTimeOffset at, out Guid id)
    {
        at = default;
        if (!long.TryParse(ticksText, NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            || ticks > DateTimeOffset.MaxValue.UtcTicks
            || !Guid.TryParseExact(idText, "N", out id))
        {
            id = default;
            return false;
        }

        at = new DateTimeOffset(ticks, TimeSpan.Zero);
        return true;
    }
}
