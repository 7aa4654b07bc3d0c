using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OmniaKey.Infrastructure.RateLimiting;
using OmniaKey.Infrastructure.Security.AdminTokens;

namespace OmniaKey.Infrastructure.Security;

/// <summary>
/// Authenticates operators by the bootstrap admin token (<c>Admin:BootstrapToken</c>, actor <c>bootstrap</c>) or by
/// a named admin token (<c>omk-admin-…</c>, created through the admin API; its name is the actor the audit trail
/// records). The bootstrap token is compared as SHA-256 digests in constant time; a named token is found by its
/// digest, which a timing difference cannot reveal anything useful about. Wrong tokens are counted per
/// client IP (<see cref="AdminFailureThrottle"/>); past the limit the IP gets 429 with <c>Retry-After</c> before any
/// token is compared, so guessing is throttled (docs/abuse-limits.md).
/// </summary>
internal sealed class AdminTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IConfiguration configuration,
    AdminFailureThrottle throttle)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    private TimeSpan? blockedFor;

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var presented = BearerToken.From(Request);
        var bootstrap = configuration["Admin:BootstrapToken"];
        var named = presented is not null && AdminTokenSecret.LooksLikeOne(presented);
        if (presented is null || (!named && string.IsNullOrEmpty(bootstrap)))
        {
            return AuthenticateResult.NoResult();
        }

        blockedFor = throttle.Blocked(Context.Connection.RemoteIpAddress);
        if (blockedFor is not null)
        {
            return AuthenticateResult.Fail("Too many wrong admin tokens from this address.");
        }

        var actor = named
            ? await Context.RequestServices.GetRequiredService<AdminTokenLookup>().ActiveNameAsync(presented, Context.RequestAborted)
            : IsBootstrap(presented, bootstrap!) ? AdminActors.Bootstrap : null;
        if (actor is null)
        {
            throttle.RecordFailure(Context.Connection.RemoteIpAddress);
            return AuthenticateResult.Fail("Invalid admin token.");
        }

        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Role, "admin"), new Claim(ClaimTypes.Name, actor)], Scheme.Name);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name));
    }

    private static bool IsBootstrap(string presented, string bootstrap) =>
        CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(presented)),
            SHA256.HashData(Encoding.UTF8.GetBytes(bootstrap)));

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        blockedFor is { } wait ? TooManyRequests.WriteRateLimitedAsync(Context, wait) : base.HandleChallengeAsync(properties);
}
