using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace OmniaKey.Modules.Billing.Application.Paging;

/// <summary>
/// The opaque <c>next_cursor</c> of Billing's lists (newest first): the position (creation time, id) of a page's
/// last row, base64url-encoded so clients do not build it themselves. Each list parses the id its own way.
/// </summary>
internal static class PageCursor
{
    private const int MaximumLength = 200;

    public static string Encode(DateTimeOffset createdAt, string id) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{createdAt.UtcTicks}.{id}")));

    /// <summary>False when the cursor is not one this service wrote; an empty cursor decodes to no position.</summary>
    public static bool TryDecode(string? cursor, out DateTimeOffset? createdAt, out string? id)
    {
        createdAt = null;
        id = null;
        if (string.IsNullOrEmpty(cursor))
        {
            return true;
        }

        if (cursor.Length > MaximumLength || !Base64Url.IsValid(cursor))
        {
            return false;
        }

        // The id may itself contain dots; the ticks never do, so the first dot separates them.
        var text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor));
        var dot = text.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0
            || !long.TryParse(text.AsSpan(0, dot), NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            || ticks > DateTimeOffset.MaxValue.UtcTicks
            || dot == text.Length - 1)
        {
            return false;
        }

        createdAt = new DateTimeOffset(ticks, TimeSpan.Zero);
        id = text[(dot + 1)..];
        return true;
    }
}
