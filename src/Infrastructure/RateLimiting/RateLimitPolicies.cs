namespace OmniaKey.Infrastructure.RateLimiting;

/// <summary>
/// The named ASP.NET Core rate-limiting policies, per client IP (docs/abuse-limits.md). An endpoint opts in with
/// <c>.RequireRateLimiting(RateLimitPolicies.X)</c>; a refusal is a 429 <c>rate_limit_exceeded</c> with
/// <c>Retry-After</c>.
/// </summary>
public static class RateLimitPolicies
{
    /// <summary><c>POST /api/v1/auth/signup</c>: <c>RateLimits:SignUp:PermitsPerHour</c> per IP.</summary>
    public const string SignUp = "signup";

    /// <summary><c>POST /api/v1/auth/login</c>: <c>RateLimits:LogIn:PermitsPerMinute</c> per IP.</summary>
    public const string LogIn = "login";

    /// <summary>
    /// Anonymous routes that send an e-mail or check a secret token (password reset, verification resend):
    /// <c>RateLimits:AccountEmail:PermitsPerHour</c> per IP.
    /// </summary>
    public const string AccountEmail = "account-email";

    /// <summary><c>POST /webhooks/stripe</c>: <c>RateLimits:Webhooks:PermitsPerMinute</c> per IP (generous).</summary>
    public const string Webhooks = "webhooks";
}
