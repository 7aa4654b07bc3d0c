using System.Buffers.Text;
using System.Globalization;
using System.Text;
using OmniaKey.Modules.Billing.Domain.Ledger;

namespace OmniaKey.Modules.Billing.Application.Ledger;

/// <summary>
/// The opaque <c>next_cursor</c> of the ledger: the position (creation time, id) of a page's last entry,
/// base64url-encoded so clients do not build it themselves.
/// </summary>
internal static class LedgerCursor
{
    public static string Encode(LedgerPosition position) =>
        Base64Url.EncodeToString(Encoding.ASCII.GetBytes(
            string.Create(CultureInfo.InvariantCulture, $"{position.CreatedAt.UtcTicks}.{position.Id:N}")));

    public static bool TryDecode(string? cursor, out LedgerPosition? position)
    {
        position = null;
        if (string.IsNullOrEmpty(cursor))
        {
            return true;
        }

        if (cursor.Length > 100 || !Base64Url.IsValid(cursor))
        {
            return false;
        }

        var parts = Encoding.ASCII.GetString(Base64Url.DecodeFromChars(cursor)).Split('.');
        if (parts.Length != 2
            || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            || ticks > DateTimeOffset.MaxValue.UtcTicks
            || !Guid.TryParseExact(parts[1], "N", out var id))
        {
            return false;
        }

        position = new LedgerPosition(new DateTimeOffset(ticks, TimeSpan.Zero), id);
        return true;
    }
}
