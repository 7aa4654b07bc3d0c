using System.Buffers.Text;

namespace OmniaKey.Modules.Keys.Application.ApiKeys.ListKeys;

/// <summary>
/// The opaque <c>next_cursor</c> of the key list: the last listed key's id (version 7, so ordered by creation),
/// base64url-encoded so that clients do not build it themselves.
/// </summary>
internal static class KeyCursor
{
    public static string Encode(Guid lastId) => Base64Url.EncodeToString(lastId.ToByteArray(bigEndian: true));

    /// <summary>False when the cursor is not one this service wrote; an empty cursor decodes to no position.</summary>
    public static bool TryDecode(string? cursor, out Guid? after)
    {
        after = null;
        if (string.IsNullOrEmpty(cursor))
        {
            return true;
        }

        if (cursor.Length != 22 || !Base64Url.IsValid(cursor))
        {
            return false;
        }

        after = new Guid(Base64Url.DecodeFromChars(cursor), bigEndian: true);
        return true;
    }
}
