using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using OmniaKey.Domain.Primitives;

namespace OmniaKey.Modules.Keys.Domain.ApiKeys;

/// <summary>
/// A new key's secret: <c>sk-omk-</c> followed by 43 base64url characters of 256 random bits. The recognisable
/// prefix lets secret scanners and people spot a leaked key.
/// </summary>
internal sealed record ApiKeySecret(string Value) : IValueObject
{
    private static readonly SearchValues<char> Base64UrlCharacters =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");

    public const string Prefix = "sk-omk-";

    /// <summary>The prefix and 43 base64url characters (256 bits without padding).</summary>
    public const int Length = 50;

    public string Hash => HashOf(Value);

    public string DisplayPrefix => Value[..(Prefix.Length + 6)];

    /// <summary>The last four characters, shown in lists so a person can tell keys with the same prefix apart.</summary>
    public string LastFour => Value[^4..];

    public static ApiKeySecret Generate()
    {
        Span<byte> random = stackalloc byte[32];
        RandomNumberGenerator.Fill(random);
        return new ApiKeySecret(Prefix + Convert.ToBase64String(random).TrimEnd('=').Replace('+', '-').Replace('/', '_'));
    }

    /// <summary>Whether a presented key could be one of ours; anything else is refused without a look-up.</summary>
    public static bool IsWellFormed(string presented) =>
        presented.Length == Length
        && presented.StartsWith(Prefix, StringComparison.Ordinal)
        && presented.AsSpan(Prefix.Length).IndexOfAnyExcept(Base64UrlCharacters) < 0;

    public static string HashOf(string presented) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(presented)));

    /// <summary>Never print the secret: a record's generated ToString would.</summary>
    public override string ToString() => $"{DisplayPrefix}…{LastFour}";
}
