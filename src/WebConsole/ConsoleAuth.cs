namespace OmniaKey.WebConsole;

/// <summary>
/// Names of the console's sign-in: a cookie, separate from the API's bearer tokens and the admin token, carrying the
/// same session (account, session generation, token id) as an API log-in, so log-out, log-out everywhere, a
/// password change and suspension end a console session exactly as they end an API token (docs/adr/0040).
/// </summary>
public static class ConsoleAuth
{
    public const string Scheme = "Console";
    public const string Policy = "console";

    /// <summary><c>__Host-</c>: only over HTTPS (or localhost), only for this host, only for path <c>/</c>.</summary>
    public const string CookieName = "__Host-omniakey-console";
    /// <summary>No <c>__Host-</c> prefix: it must work over plain HTTP on loopback too, where it cannot be Secure.</summary>
    public const string AntiforgeryCookieName = "omniakey-csrf";
    public const string LogInPath = "/dashboard/login";
    public const string ReturnUrlParameter = "return_url";
}
