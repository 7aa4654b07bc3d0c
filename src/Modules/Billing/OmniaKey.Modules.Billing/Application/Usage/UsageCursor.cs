using OmniaKey.Modules.Billing.Application.Paging;
using OmniaKey.Modules.Billing.Domain.Usage;

namespace OmniaKey.Modules.Billing.Application.Usage;

/// <summary>The usage list's <see cref="PageCursor"/>: the creation time and request id of a page's last record.</summary>
internal static class UsageCursor
{
    private const int MaximumIdLength = 64;

    public static string Encode(UsagePosition position) => PageCursor.Encode(position.CreatedAt, position.Id);

    public static bool TryDecode(string? cursor, out UsagePosition? position)
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

        if (id.Length > MaximumIdLength)
        {
            return false;
        }

        position = new UsagePosition(createdAt!.Value, id);
        return true;
    }
}
