using System.Buffers.Text;
using System.Globalization;
using System.Text;
using OmniaKey.Modules.Billing.Domain.Usage;

namespace OmniaKey.Modules.Billing.Application.Usage;

/// <summary>
/// The opaque <c>next_cursor</c> of the usage list: the position (creation time, request id) of a page's last
/// record, base64url-encoded like the ledger's cursor so clients do not build it themselves.
/// </summary>
internal static class UsageCursor
{
    private const int MaximumIdLength = 64;

    public static string Encode(UsagePosition position) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(
            string.Create(CultureInfo.InvariantCulture, $"{position.CreatedAt.UtcTicks}.{position.Id}")));

    public static bool TryDecode(string? cursor, out UsagePosition? position)
    {
        position = null;
        if (string.IsNullOrEmpty(cursor))
        {
            return true;
        }

        if (cursor.Length > 200 || !Base64Url.IsValid(cursor))
        {
            return false;
        }

        // The id may itself contain dots; the ticks never do, so the first dot separates them.
        var text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor));
        var dot = text.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0
            || !long.TryParse(text.AsSpan(0, dot), NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            || ticks > DateTimeOffset.MaxValue.UtcTicks
            || text.Length - dot - 1 is < 1 or > MaximumIdLength)
        {
            return false;
        }

        position = new UsagePosition(new DateTimeOffset(ticks, TimeSpan.Zero), text[(dot + 1)..]);
        return true;
    }
}
