using System.Security.Cryptography;
using System.Text;

namespace OmniaKey.Infrastructure.Security.AdminTokens;

/// <summary>
/// The secret of a named admin token: <c>omk-admin-</c> and 43 characters of base64url (32 random bytes), so it is
/// unguessable, longer than the bootstrap token's minimum, and recognisable in a leak scanner. Stored as SHA-256: a
/// high-entropy random secret needs no slow hash.
/// </summary>
internal static class AdminTokenSecret
{
    public const string Marker = "omk-admin-";
    public const int PrefixLength = 14;

    public static string New() => Marker + Base64Url(RandomNumberGenerator.GetBytes(32));

    public static bool LooksLikeOne(string presented) => presented.StartsWith(Marker, StringComparison.Ordinal);

    public static byte[] Hash(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
