using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using OmniaKey.Application.Messaging;
using OmniaKey.Infrastructure.Security;
using OmniaKey.Modules.Accounts.Application.Accounts.GetAccountDetails;
using OmniaKey.Modules.Accounts.Application.Accounts.ListAccounts;

namespace OmniaKey.Modules.Accounts.Endpoints;

/// <summary>The operators' reads of accounts: the list and search, and one account with everything needed to act on it.</summary>
internal static class AccountsAdminEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/admin/v1/accounts").RequireAdmin().WithTags("Accounts (admin)");
        admin.MapGet("/", (
            string? email,
            [FromQuery(Name = "email_prefix")] string? emailPrefix,
            string? status,
            string? cursor,
            int? limit,
            IDispatcher dispatcher,
            CancellationToken ct) => dispatcher.Query(new ListAccountsQuery(email, emailPrefix, status, cursor, limit), ct));
        admin.MapGet("/{id:guid}", (Guid id, IDispatcher dispatcher, CancellationToken ct) =>
            dispatcher.Query(new GetAccountDetailsQuery(id), ct));
    }
}
