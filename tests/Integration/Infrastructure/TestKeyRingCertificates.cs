using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace OmniaKey.IntegrationTests.Infrastructure;

/// <summary>
/// Self-signed RSA certificates written as PFX files, for the key ring's <c>DataProtection:Certificate:*</c> settings.
/// <see cref="SharedPath"/> is the one every PostgreSQL test app uses (a database key ring must be protected);
/// key-ring tests make their own.
/// </summary>
public static class TestKeyRingCertificates
{
    public const string Password = "test-key-ring-password";

    private static readonly Lazy<string> Shared = new(() =>
    {
        var path = Path.Combine(Path.GetTempPath(), "omniakey-tests", $"key-ring-{Environment.ProcessId}-{Guid.NewGuid():N}.pfx");
        AppDomain.CurrentDomain.ProcessExit += (_, _) => File.Delete(path);
        return Create(path);
    });

    /// <summary>The PFX file (password <see cref="Password"/>) the test apps on PostgreSQL protect their key ring with.</summary>
    public static string SharedPath => Shared.Value;

    /// <summary>Writes a new self-signed certificate with its private key to <paramref name="path"/> and returns the path.</summary>
    public static string Create(string path, string password = Password, bool withPrivateKey = true)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=OmniaKey test key ring", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        if (withPrivateKey)
        {
            File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, password));
        }
        else
        {
            using var publicOnly = X509CertificateLoader.LoadCertificate(certificate.RawData);
            File.WriteAllBytes(path, publicOnly.Export(X509ContentType.Pfx, password));
        }

        return path;
    }
}
