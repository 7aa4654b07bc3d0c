using System.Security.Cryptography;
using System.Text;

namespace OmniaKey.Modules.Routing.Infrastructure.Providers.Identity;

/// <summary>
/// What a provider may learn about who made a call: a stable pseudonym of the account, never anything the client
/// wrote. Providers attribute abuse by identifiers such as OpenAI's <c>user</c>/<c>safety_identifier</c> and
/// Anthropic's <c>metadata.user_id</c>; a client-chosen value would let one customer blame another (or nobody) on our
/// upstream account (docs/adr/0016-forward-only-what-we-price.md).
/// </summary>
internal sealed class UpstreamIdentity
{
    private const string Prefix = "omk_";
    private readonly byte[] accountKey;

    /// <param name="accountKey">HMAC-SHA256(server key, account id): the account's own derivation key.</param>
    public UpstreamIdentity(byte[] accountKey)
    {
        this.accountKey = accountKey;
        EndUserId = Derive("end-user");
    }

    /// <summary>The account's pseudonym: the same for every call of one account, unlinkable to its id without the server key.</summary>
    public string EndUserId { get; }

    /// <summary>
    /// A client value that must keep its meaning within the account but must not be shared across accounts (OpenAI's
    /// <c>prompt_cache_key</c>: every customer's calls run in our one upstream organisation).
    /// </summary>
    public string Scoped(string purpose, string value) => Derive(purpose + "\n" + value);

    private string Derive(string label)
    {
        var mac = HMACSHA256.HashData(accountKey, Encoding.UTF8.GetBytes(label));
        // 128 bits are plenty against collisions and keep the value under every provider's length limit (64 chars).
        return Prefix + Convert.ToHexStringLower(mac.AsSpan(0, 16));
    }
}
