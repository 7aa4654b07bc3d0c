using OmniaKey.Modules.Billing.Application.Paging;
using OmniaKey.Modules.Billing.Domain.Ledger;

namespace OmniaKey.Modules.Billing.Application.Ledger;

/// <summary>The ledger's (and refunds') <see cref="PageCursor"/>: the creation time and id of a page's last row.</summary>
internal static class LedgerCursor
{
    public static string Encode(LedgerPosition position) => PageCursor.Encode(position.CreatedAt, position.Id.ToString("N"));

    public static bool TryDecode(string? cursor, out LedgerPosition? position)
    {
        position = null;
        if (!PageCursor.TryDecode(cursor, out var createdAt, out var id))
        {
            return false;
        }

        if (id is null)
        {
            return true;
        }

        if (!Guid.TryParseExact(id, "N", out var guid))
        {
            return false;
        }

        position = new LedgerPosition(createdAt!.Value, guid);
        return true;
    }
}
