using System.Security.Cryptography;
using OmniaKey.Modules.Accounts.Domain.Accounts;

namespace OmniaKey.Modules.Accounts.Application.Accounts.LogIn;

/// <summary>
/// The hash of a random password, made once by the configured hasher (same algorithm and cost as every account's).
/// Log-in verifies the presented password against it when the e-mail address has no account (or no password), so an
/// unknown address costs the same slow verification as a known one and the answer's timing tells nothing.
/// </summary>
internal sealed class UnknownAccountPassword(IPasswordHasher passwords)
{
    private readonly Lazy<string> hash = new(() => passwords.Hash(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))));

    public string Hash => hash.Value;
}
