namespace OmniaKey.Infrastructure.Security;

/// <summary>
/// The two authenticated surfaces. They never accept each other's credentials: a customer token is not an admin
/// token and the admin token is not a customer session.
/// </summary>
public static class AuthSchemes
{
    public const string Admin = "Admin";
    public const string Customer = "Customer";
    public const string AdminPolicy = "admin";
    public const string CustomerPolicy = "customer";
    public const string AccountIdClaim = "account_id";
    public const string SessionGenerationClaim = "session_generation";
    public const string TokenIdClaim = "token_id";
}
