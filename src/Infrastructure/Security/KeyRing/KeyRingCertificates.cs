using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace OmniaKey.Infrastructure.Security.KeyRing;

/// <summary>
/// Loads the key-ring certificates from their PFX files, straight into memory: on Linux there is no machine store to
/// find them in, so decryption is given them explicitly (<c>UnprotectKeysWithAnyCertificate</c>). Every problem stops
/// start-up with a message naming the setting and the file, never the password.
/// </summary>
internal static class KeyRingCertificates
{
    public static X509Certificate2 Load(CertificateFile file)
    {
        if (!File.Exists(file.Path))
        {
            throw new InvalidOperationException(
                $"{file.SettingKey} names '{file.Path}', which does not exist; the Data Protection key ring cannot be protected or read without it.");
        }

        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadPkcs12FromFile(file.Path, file.Password, StorageFlags);
        }
        catch (CryptographicException e)
        {
            throw new InvalidOperationException(
                $"{file.SettingKey} '{file.Path}' could not be read as a PFX (PKCS#12) file: {e.Message} " +
                "Check the file and its password (DataProtection:Certificate:Password).", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException($"{file.SettingKey} '{file.Path}' could not be read: {e.Message}", e);
        }

        if (!certificate.HasPrivateKey)
        {
            certificate.Dispose();
            throw new InvalidOperationException(
                $"{file.SettingKey} '{file.Path}' has no private key; the key ring needs it to decrypt its keys. Export the certificate with its private key.");
        }

        if (certificate.GetRSAPublicKey() is not { } rsa)
        {
            certificate.Dispose();
            throw new InvalidOperationException($"{file.SettingKey} '{file.Path}' must hold an RSA key; Data Protection encrypts keys with RSA.");
        }

        rsa.Dispose();
        return certificate;
    }

    /// <summary>Ephemeral keys never touch the disk or a key store; macOS does not support them.</summary>
    private static X509KeyStorageFlags StorageFlags =>
        OperatingSystem.IsMacOS() ? X509KeyStorageFlags.DefaultKeySet : X509KeyStorageFlags.EphemeralKeySet;
}
