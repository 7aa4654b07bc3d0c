using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OmniaKey.Application.Messaging;
using OmniaKey.Infrastructure.RateLimiting;
using OmniaKey.Infrastructure.Security;
using OmniaKey.Modules.Accounts.Application.Accounts.ChangeAccountStatus;
using OmniaKey.Modules.Accounts.Application.Accounts.CreateAccount;
using OmniaKey.Modules.Accounts.Application.Accounts.GetAccount;
using OmniaKey.Modules.Accounts.Application.Accounts.LogIn;
using OmniaKey.Modules.Accounts.Application.Accounts.LogInFailures;
using OmniaKey.Modules.Accounts.Application.Accounts.SignUp;
using OmniaKey.Modules.Accounts.Contracts;
using OmniaKey.Modules.Compliance.Contracts;
using OmniaKey.Infrastructure.Audit;
using OmniaKey.Modules.Accounts.Application.Accounts.GetAccountDetails;

namespace OmniaKey.Modules.Accounts.Endpoints;

internal static class AccountsEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var auth = app.MapGroup("/api/v1/auth").AllowAnonymous().WithTags("Auth");
        auth.MapPost("/signup", async (SignUpRequest body, HttpContext http, IDispatcher dispatcher) =>
        {
            var ip = http.Connection.RemoteIpAddress?.ToString();
            var result = await dispatcher.SendRecordingDenial(
                new SignUpCommand(body.Email ?? string.Empty, body.Password ?? string.Empty, body.Country ?? string.Empty, body.TermsVersion ?? string.Empty, body.EligibilityConfirmed ?? false, ip),
                http.RequestAborted);
            return Results.Created($"/api/v1/accounts/{result.Id}", result);
        }).RequireRateLimiting(RateLimitPolicies.SignUp);
        auth.MapPost("/login", (LogInRequest body, HttpContext http, IDispatcher dispatcher) =>
            dispatcher.LogInCountingFailuresAsync(
                new LogInCommand(body.Email ?? string.Empty, body.Password ?? string.Empty, http.Connection.RemoteIpAddress?.ToString()),
                http.RequestAborted)).RequireRateLimiting(RateLimitPolicies.LogIn);

        var admin = app.MapGroup("/admin/v1/accounts").RequireAdmin().WithTags("Accounts (admin)")
            .AuditBefore(route => route.RouteGuid("id") is { } id ? new GetAccountDetailsQuery(id) : null);
        admin.MapPost("/", async (CreateAccountRequest body, IDispatcher dispatcher, CancellationToken ct) =>
        {
            var account = await dispatcher.Send(new CreateAccountCommand(body.Email ?? string.Empty, body.Country ?? string.Empty), ct);
            return Results.Created($"/admin/v1/accounts/{account.Id}", account);
        });
        admin.MapPost("/{id:guid}/suspend", (Guid id, IDispatcher dispatcher, CancellationToken ct) =>
            ChangeStatus(dispatcher, id, suspend: true, ct));
        admin.MapPost("/{id:guid}/reactivate", (Guid id, IDispatcher dispatcher, CancellationToken ct) =>
            ChangeStatus(dispatcher, id, suspend: false, ct));
        admin.MapPost("/{id:guid}/terminate", async (Guid id, TerminateRequest body, IDispatcher dispatcher, CancellationToken ct) =>
        {
            await dispatcher.Send(new TerminateAccountCommand(id, body.Reason ?? string.Empty, body.MaterialBreach), ct);
            return Results.Ok(await dispatcher.Query(new GetAccountQuery(id), ct));
        });
    }

    private static async Task<IResult> ChangeStatus(IDispatcher dispatcher, Guid id, bool suspend, CancellationToken ct)
    {
        await dispatcher.Send(new ChangeAccountStatusCommand(id, suspend), ct);
        return Results.Ok(await dispatcher.Query(new GetAccountQuery(id), ct));
    }

    internal sealed record SignUpRequest(string? Email, string? Password, string? Country, string? TermsVersion, bool? EligibilityConfirmed);

    internal sealed record LogInRequest(string? Email, string? Password);

    internal sealed record CreateAccountRequest(string? Email, string? Country);

    internal sealed record TerminateRequest(string? Reason, bool? MaterialBreach);
}
