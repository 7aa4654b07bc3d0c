using OmniaKey.Application.Paging;

namespace OmniaKey.Modules.Accounts.Application.Accounts.ListAccounts;

/// <summary>The account list's opaque <c>next_cursor</c>: the last account's (creation time, id), see <see cref="KeysetCursor"/>.</summary>
internal static class AccountCursor
{
    public static string Encode(DateTimeOffset createdAt, Guid id) => KeysetCursor.Encode(createdAt, id);

    /// <summary>False when the cursor is not one this list wrote; an empty cursor decodes to no position.</summary>
    public static bool TryDecode(string? cursor, out (DateTimeOffset CreatedAt, Guid Id)? position)
    {
        var valid = KeysetCursor.TryDecode(cursor, out (DateTimeOffset At, Guid Id)? decoded);
        position = decoded;
        return valid;
    }
}
