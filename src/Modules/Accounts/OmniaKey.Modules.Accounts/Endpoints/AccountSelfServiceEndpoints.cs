using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OmniaKey.Application.Abstractions;
using OmniaKey.Application.Messaging;
using OmniaKey.Infrastructure.RateLimiting;
using OmniaKey.Infrastructure.Security;
using OmniaKey.Modules.Accounts.Application.Passwords;
using OmniaKey.Modules.Accounts.Application.SelfService;
using OmniaKey.Modules.Accounts.Application.Verification;

namespace OmniaKey.Modules.Accounts.Endpoints;

/// <summary>The signed-in customer's own account: view, verification e-mail, password, export, closing (docs/accounts.md).</summary>
internal static class AccountSelfServiceEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var account = app.MapGroup("/api/v1/account").RequireCustomer().WithTags("Account");
        account.MapGet("/", (ICurrentUser user, IDispatcher dispatcher, CancellationToken ct) =>
            dispatcher.Query(new GetMyAccountQuery(user.RequireAccountId()), ct));
        account.MapPost("/verification", async (ICurrentUser user, IDispatcher dispatcher, CancellationToken ct) =>
        {
            await dispatcher.Send(new RequestVerificationCommand(user.RequireAccountId()), ct);
            return Results.Accepted(value: new { Status = "sent" });
        }).RequireRateLimiting(RateLimitPolicies.AccountEmail);
        account.MapPost("/password", (ChangePasswordRequest body, ICurrentUser user, IDispatcher dispatcher, CancellationToken ct) =>
            dispatcher.Send(new ChangePasswordCommand(user.RequireAccountId(), body.CurrentPassword ?? string.Empty, body.NewPassword ?? string.Empty), ct));
        account.MapPost("/export", async (HttpContext http, ICurrentUser user, IDispatcher dispatcher) =>
        {
            var accountId = user.RequireAccountId();
            var export = await dispatcher.Query(new ExportAccountQuery(accountId), http.RequestAborted);
            http.Response.Headers.ContentDisposition = $"attachment; filename=\"omniakey-account-{accountId:N}.json\"";
            return export;
        });
        account.MapPost("/close", async (CloseRequest body, ICurrentUser user, IDispatcher dispatcher, CancellationToken ct) =>
        {
            await dispatcher.Send(new CloseAccountCommand(user.RequireAccountId(), body.Password ?? string.Empty), ct);
            return Results.Ok(new { Status = "closed" });
        });
    }

    internal sealed record ChangePasswordRequest(string? CurrentPassword, string? NewPassword);

    internal sealed record CloseRequest(string? Password);
}
