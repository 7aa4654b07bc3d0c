using Microsoft.Extensions.Configuration;

namespace OmniaKey.Infrastructure.Security.KeyRing;

/// <summary>
/// <c>DataProtection:*</c>: the certificate that protects the key ring at rest, older certificates that may still
/// decrypt keys written under them (rotation), and the development opt-out for a database ring without protection.
/// </summary>
internal sealed record KeyRingSettings(
    CertificateFile? Certificate,
    IReadOnlyList<CertificateFile> PreviousCertificates,
    bool AllowUnprotectedKeys)
{
    public const string Section = "DataProtection";
    public const string CertificatePathKey = Section + ":Certificate:Path";
    public const string CertificatePasswordKey = Section + ":Certificate:Password";
    public const string PreviousCertificatesKey = Section + ":Certificate:Previous";
    public const string AllowUnprotectedKeysKey = Section + ":AllowUnprotectedKeys";

    public static KeyRingSettings From(IConfiguration configuration)
    {
        var path = configuration[CertificatePathKey];
        var password = configuration[CertificatePasswordKey];
        if (string.IsNullOrWhiteSpace(path) && !string.IsNullOrEmpty(password))
        {
            throw new InvalidOperationException(
                $"{CertificatePasswordKey} is set but {CertificatePathKey} is not; set the path of the PFX file the password opens.");
        }

        var previous = configuration.GetSection(PreviousCertificatesKey).GetChildren()
            .Select(child => (Key: $"{PreviousCertificatesKey}:{child.Key}:Path", Path: child["Path"], Password: child["Password"]))
            .Select(c => string.IsNullOrWhiteSpace(c.Path)
                ? throw new InvalidOperationException($"{c.Key} is required for each previous key-ring certificate.")
                : new CertificateFile(c.Key, c.Path.Trim(), c.Password))
            .ToList();

        var allow = configuration[AllowUnprotectedKeysKey];
        var allowUnprotected = false;
        if (!string.IsNullOrWhiteSpace(allow) && !bool.TryParse(allow, out allowUnprotected))
        {
            throw new InvalidOperationException($"{AllowUnprotectedKeysKey} must be true or false (it is '{allow}').");
        }

        var current = string.IsNullOrWhiteSpace(path) ? null : new CertificateFile(CertificatePathKey, path.Trim(), password);
        return new KeyRingSettings(current, previous, allowUnprotected);
    }
}

/// <summary>A PFX file named by configuration; <paramref name="SettingKey"/> is the key that names it, for messages.</summary>
internal sealed record CertificateFile(string SettingKey, string Path, string? Password);
