using System.Security.Cryptography;
using System.Text;
using OmniaKey.Modules.Keys.Domain.ApiKeys;
using Xunit;

namespace OmniaKey.UnitTests.Keys;

public sealed class ApiKeySecretTests
{
    private const string Base64UrlAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    [Fact]
    public void A_key_is_the_recognisable_prefix_and_256_random_bits_in_base64url()
    {
        var secret = ApiKeySecret.Generate();

        Assert.StartsWith("sk-omk-", secret.Value, StringComparison.Ordinal);
        var body = secret.Value["sk-omk-".Length..];
        Assert.Equal(43, body.Length); // ceil(256 / 6) characters, no padding
        Assert.All(body, c => Assert.Contains(c, Base64UrlAlphabet));
        Assert.Equal(32, Base64UrlDecode(body).Length);
    }

    [Fact]
    public void Every_key_is_different_and_the_bits_are_not_stuck()
    {
        var bodies = Enumerable.Range(0, 2000).Select(_ => ApiKeySecret.Generate().Value["sk-omk-".Length..]).ToList();

        Assert.Equal(bodies.Count, bodies.Distinct(StringComparer.Ordinal).Count());

        // Each of the 256 bit positions is set in some keys and clear in others (2000 draws: a stuck bit would show).
        var ones = new int[256];
        foreach (var bytes in bodies.Select(Base64UrlDecode))
        {
            for (var bit = 0; bit < 256; bit++)
            {
                ones[bit] += (bytes[bit / 8] >> (bit % 8)) & 1;
            }
        }

        Assert.All(ones, count => Assert.InRange(count, 800, 1200));
    }

    [Fact]
    public void The_stored_hash_is_the_lower_case_hex_sha256_of_the_whole_key()
    {
        var secret = ApiKeySecret.Generate();

        var expected = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(secret.Value))).ToLowerInvariant();
        Assert.Equal(expected, secret.Hash);
        Assert.Equal(expected, ApiKeySecret.HashOf(secret.Value));
        Assert.Matches("^[0-9a-f]{64}$", secret.Hash);
    }

    [Fact]
    public void The_display_prefix_identifies_the_key_without_revealing_the_random_part()
    {
        var secret = ApiKeySecret.Generate();

        Assert.Equal(secret.Value[..13], secret.DisplayPrefix);
        Assert.Equal(6, secret.DisplayPrefix.Length - "sk-omk-".Length); // 36 of 256 bits shown
    }

    [Fact]
    public void Printing_a_secret_never_prints_the_key()
    {
        var secret = ApiKeySecret.Generate();

        Assert.DoesNotContain(secret.Value, secret.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(secret.Value, $"{secret}", StringComparison.Ordinal);
        Assert.StartsWith(secret.DisplayPrefix, secret.ToString(), StringComparison.Ordinal);
    }

    private static byte[] Base64UrlDecode(string body)
    {
        var base64 = body.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '='));
    }
}
