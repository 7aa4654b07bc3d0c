using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OmniaKey.Application.Abstractions;
using OmniaKey.Application.Messaging;
using OmniaKey.Infrastructure.RateLimiting;
using OmniaKey.Infrastructure.Security;
using OmniaKey.Modules.Accounts.Application.Passwords;
using OmniaKey.Modules.Accounts.Application.Sessions;
using OmniaKey.Modules.Accounts.Application.Verification;
using OmniaKey.Infrastructure.Audit;
using OmniaKey.Modules.Accounts.Application.Accounts.GetAccountDetails;

namespace OmniaKey.Modules.Accounts.Endpoints;

/// <summary>
/// Log-out, e-mail verification, password reset and the operator's invitation (docs/accounts.md). The anonymous
/// routes answer the same whether or not an account exists.
/// </summary>
internal static class SessionAndPasswordEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var sessions = app.MapGroup("/api/v1/auth").RequireCustomer().WithTags("Auth");
        sessions.MapPost("/logout", async (HttpContext http, ICurrentUser user, IDispatcher dispatcher) =>
        {
            var accountId = user.RequireAccountId();
            var authenticated = await http.AuthenticateAsync(AuthSchemes.Customer);
            var tokenId = Guid.Parse(http.User.FindFirstValue(AuthSchemes.TokenIdClaim)!);
            var expiresAt = authenticated.Properties?.ExpiresUtc ?? DateTimeOffset.MaxValue;
            await dispatcher.Send(new LogOutCommand(accountId, tokenId, expiresAt), http.RequestAborted);
            return Results.NoContent();
        }).RequireRateLimiting(RateLimitPolicies.AccountEmail);
        sessions.MapPost("/logout-all", async (ICurrentUser user, IDispatcher dispatcher, CancellationToken ct) =>
        {
            await dispatcher.Send(new LogOutEverywhereCommand(user.RequireAccountId()), ct);
            return Results.NoContent();
        });

        var anonymous = app.MapGroup("/api/v1/auth").AllowAnonymous().WithTags("Auth");
        anonymous.MapPost("/verify-email", async (TokenRequest body, IDispatcher dispatcher, CancellationToken ct) =>
        {
            await dispatcher.Send(new VerifyEmailCommand(body.Token ?? string.Empty), ct);
            return Results.Ok(new { EmailVerified = true });
        }).RequireRateLimiting(RateLimitPolicies.AccountEmail);
        anonymous.MapPost("/password-reset", async (ResetRequest body, IDispatcher dispatcher, CancellationToken ct) =>
        {
            await dispatcher.Send(new RequestPasswordResetCommand(body.Email ?? string.Empty), ct);
            return Results.Accepted(value: new { Status = "If an account uses this address, a reset link is on its way." });
        }).RequireRateLimiting(RateLimitPolicies.AccountEmail);
        anonymous.MapPost("/password-reset/confirm", async (ConfirmResetRequest body, IDispatcher dispatcher, CancellationToken ct) =>
        {
            await dispatcher.Send(new SetPasswordWithTokenCommand(body.Token ?? string.Empty, body.NewPassword ?? string.Empty), ct);
            return Results.NoContent();
        });

        var admin = app.MapGroup("/admin/v1/accounts").RequireAdmin().WithTags("Accounts (admin)")
            .AuditBefore(route => route.RouteGuid("id") is { } id ? new GetAccountDetailsQuery(id) : null);
        admin.MapPost("/{id:guid}/invitation", async (Guid id, IDispatcher dispatcher, CancellationToken ct) =>
        {
            await dispatcher.Send(new SendInvitationCommand(id), ct);
            return Results.Accepted(value: new { Status = "sent" });
        });
    }

    internal sealed record TokenRequest(string? Token);

    internal sealed record ResetRequest(string? Email);

    internal sealed record ConfirmResetRequest(string? Token, string? NewPassword);
}
