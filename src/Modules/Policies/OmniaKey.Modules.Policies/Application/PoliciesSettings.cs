using System.Text.RegularExpressions;

namespace OmniaKey.Modules.Policies.Application;

/// <summary>
/// <c>Support:Email</c>: the contact address shown in the Terms, the Refund Policy and the notices.
/// <c>Policies:PublicBaseUrl</c>: the site's public address (e.g. <c>https://omniakey.dev</c>), so that a notice can
/// link to the Terms it announces; without it the notices name the path.
/// </summary>
internal sealed record PoliciesSettings(string? SupportEmail, string? PublicBaseUrl)
{
    /// <summary>What the documents say in place of the address when <c>Support:Email</c> is not configured.</summary>
    public const string SupportPlaceholder = "OmniaKey support (see the OmniaKey web site)";

    /// <summary>
    /// How the seed text writes the contact address: an e-mail obfuscation artefact of the page it came from,
    /// <c>[email protected]</c>, with a plain or a no-break space.
    /// </summary>
    private static readonly Regex ObfuscatedAddress = new(@"\[email[ \u00A0]protected\]", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    public string SupportContact => string.IsNullOrWhiteSpace(SupportEmail) ? SupportPlaceholder : SupportEmail.Trim();

    /// <summary>The text as served: the configured support address in place of the seed's artefact.</summary>
    public string Render(string text) => ObfuscatedAddress.Replace(text, SupportContact.Replace("$", "$$", StringComparison.Ordinal));

    /// <summary>A path of this service, absolute when the public base URL is configured.</summary>
    public string Link(string path) =>
        string.IsNullOrWhiteSpace(PublicBaseUrl) ? path : PublicBaseUrl.TrimEnd('/') + path;
}
