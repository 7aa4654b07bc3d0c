using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OmniaKey.Infrastructure.RateLimiting;

namespace OmniaKey.Infrastructure.Security;

/// <summary>
/// Authenticates operators by the bootstrap admin token (<c>Admin:BootstrapToken</c>). Without a configured token
/// the admin API is closed. Tokens are compared as SHA-256 digests in constant time. Wrong tokens are counted per
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

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var presented = BearerToken.From(Request);
        var expected = configuration["Admin:BootstrapToken"];
        if (presented is null || string.IsNullOrEmpty(expected))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        blockedFor = throttle.Blocked(Context.Connection.RemoteIpAddress);
        if (blockedFor is not null)
        {
            return Task.FromResult(AuthenticateResult.Fail("Too many wrong admin tokens from this address."));
        }

        var matches = CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(presented)),
            SHA256.HashData(Encoding.UTF8.GetBytes(expected)));
        if (!matches)
        {
            throttle.RecordFailure(Context.Connection.RemoteIpAddress);
            return Task.FromResult(AuthenticateResult.Fail("Invalid admin token."));
        }

        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Role, "admin")], Scheme.Name);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        blockedFor is { } wait ? TooManyRequests.WriteRateLimitedAsync(Context, wait) : base.HandleChallengeAsync(properties);
}
