using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace OmniaKey.Modules.Accounts.Application.Accounts.ListAccounts;

/// <summary>The account list's opaque <c>next_cursor</c>: the last account's (creation time, id), base64url-encoded.</summary>
internal static class AccountCursor
{
    private const int MaximumLength = 200;

    public static string Encode(DateTimeOffset createdAt, Guid id) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{createdAt.UtcTicks}.{id:N}")));

    /// <summary>False when the cursor is not one this list wrote; an empty cursor decodes to no position.</summary>
    public static bool TryDecode(string? cursor, out (DateTimeOffset CreatedAt, Guid Id)? position)
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
        if (parts.Length != 2
            || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            || ticks > DateTimeOffset.MaxValue.UtcTicks
            || !Guid.TryParseExact(parts[1], "N", out var id))
        {
            return false;
        }

        position = (new DateTimeOffset(ticks, TimeSpan.Zero), id);
        return true;
    }
}
