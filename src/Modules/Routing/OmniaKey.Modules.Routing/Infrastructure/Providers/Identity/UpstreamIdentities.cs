using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using OmniaKey.Infrastructure.Startup;

namespace OmniaKey.Modules.Routing.Infrastructure.Providers.Identity;

/// <summary>
/// Derives each account's <see cref="UpstreamIdentity"/> with HMAC-SHA256 under a server-side key:
/// <c>Upstreams:IdentityKey</c> (base64, at least 32 bytes) when configured — instances that share upstream accounts
/// should share it — otherwise a random key generated once and kept, encrypted with Data Protection, in
/// <c>&lt;Data:Directory&gt;/keys/upstream-identity.key</c>, one per data directory (docs/key-ring.md: instances that do
/// not share one should set the key). The key must stay stable: changing it gives every account a new pseudonym at
/// the providers.
/// </summary>
internal sealed class UpstreamIdentities : IStartupWarmup
{
    public const string ConfigurationKey = "Upstreams:IdentityKey";
    private const string FileName = "upstream-identity.key";
    private const int KeyBytes = 32;

    /// <summary>
    /// Accounts whose pseudonym is kept. Every call needs its account's (two HMACs, a few per cent of a call's CPU),
    /// and it never changes, so it is derived once per account; past this many accounts the memo starts over.
    /// </summary>
    internal const int MaxRemembered = 100_000;

    private readonly Lazy<byte[]> key;
    private readonly ConcurrentDictionary<Guid, UpstreamIdentity> derived = new();

    public UpstreamIdentities(IConfiguration configuration, IDataProtectionProvider dataProtection, IHostEnvironment environment)
    {
        var configured = configuration[ConfigurationKey];
        var directory = Path.Combine(configuration["Data:Directory"] ?? Path.Combine(environment.ContentRootPath, "App_Data"), "keys");
        var protector = dataProtection.CreateProtector("OmniaKey.Routing.UpstreamIdentityKey.v1");
        key = new Lazy<byte[]>(() => string.IsNullOrWhiteSpace(configured) ? LoadOrCreate(directory, protector) : Parse(configured));
    }

    /// <summary>For tests and tools that hold the key themselves.</summary>
    public UpstreamIdentities(byte[] serverKey) => key = new Lazy<byte[]>(serverKey);

    public UpstreamIdentity For(Guid accountId)
    {
        if (derived.TryGetValue(accountId, out var known))
        {
            return known;
        }

        if (derived.Count >= MaxRemembered)
        {
            derived.Clear();
        }

        return derived.GetOrAdd(accountId, static (id, serverKey) => new UpstreamIdentity(HMACSHA256.HashData(serverKey, id.ToByteArray())), key.Value);
    }

    /// <summary>Reads (or creates) the server key, which the first call would otherwise read from disk and decrypt.</summary>
    public Task WarmAsync(CancellationToken cancellationToken)
    {
        _ = key.Value;
        return Task.CompletedTask;
    }

    private static byte[] Parse(string configured)
    {
        var bytes = Convert.FromBase64String(configured.Trim());
        return bytes.Length >= KeyBytes
            ? bytes
            : throw new InvalidOperationException($"{ConfigurationKey} must be at least {KeyBytes} bytes, base64-encoded.");
    }

    /// <summary>
    /// Reads the kept key, or creates it. Instances sharing the data directory may race on the first call: each writes
    /// a temporary file and moves it into place without overwriting, so every instance ends up with the winner's key.
    /// </summary>
    private static byte[] LoadOrCreate(string directory, IDataProtector protector)
    {
        var path = Path.Combine(directory, FileName);
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(directory);
            var temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
            File.WriteAllText(temporary, protector.Protect(Convert.ToBase64String(RandomNumberGenerator.GetBytes(KeyBytes))));
            try
            {
                File.Move(temporary, path, overwrite: false);
            }
            catch (IOException) when (File.Exists(path))
            {
                File.Delete(temporary); // Another instance won the race; its key is the one.
            }
        }

        return Convert.FromBase64String(protector.Unprotect(File.ReadAllText(path).Trim()));
    }
}
