using System.Text.RegularExpressions;

namespace OmniaKey.Modules.Routing.Infrastructure.Providers;

/// <summary>
/// Keeps our own upstream account out of the messages clients see. A provider writes its error text for the holder
/// of the credential — us: "Incorrect API key provided: sk-proj-…", an organisation or project id in a rate-limit
/// message, our quota or billing state. Such a message is replaced by a neutral one; the status, type and code are
/// kept, so clients still see what kind of error it was (docs/providers.md#errors-and-failover).
/// </summary>
internal static partial class UpstreamErrorText
{
    public const string CredentialMessage =
        "The upstream provider did not accept the gateway's own credentials for this call. This is not about your API key.";

    public const string RateLimitMessage =
        "The upstream provider is limiting requests from the gateway's account. Retry later.";

    public const string NeutralMessage =
        "The upstream provider returned an error concerning the gateway's own provider account; its details are withheld.";

    /// <summary>
    /// The message to show for an upstream error: <paramref name="message"/> itself unless it reveals our account.
    /// 401 and 403 are always about our credential or account (the client never holds one for the upstream).
    /// </summary>
    public static string Neutralize(int status, string message) =>
        status is 401 or 403 ? CredentialMessage
        : !RevealsAccount(message) ? message
        : status == 429 ? RateLimitMessage
        : NeutralMessage;

    /// <summary>Whether the text names a credential, an organisation or project, or our account's key, quota or billing.</summary>
    public static bool RevealsAccount(string message) => AccountPattern().IsMatch(message);

    // Key shapes: OpenAI (sk-…, sk-proj-…, sk-svcacct-…), Anthropic (sk-ant-…), Google (AIza…); OpenAI organisation
    // (org-…) and project (proj_…) ids; and words that only appear in errors about the credential's holder.
    [GeneratedRegex(
        @"\bsk-[A-Za-z0-9_*\-]{3,}|\bAIza[0-9A-Za-z_\-]{6,}|\borg-[A-Za-z0-9]{4,}|\bproj_[A-Za-z0-9]{4,}"
        + @"|\bapi[ _-]?keys?\b|\bx-api-key\b|\bbearer\b|\bauthori[sz]ation\b|\bcredentials?\b"
        + @"|\borgani[sz]ations?\b|\bprojects?\b|\bproject_number\b|\bconsumer\b|\bbilling\b|\bcredits?\b|\bplan\b|\bquota\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant,
        matchTimeoutMilliseconds: 100)]
    private static partial Regex AccountPattern();
}
