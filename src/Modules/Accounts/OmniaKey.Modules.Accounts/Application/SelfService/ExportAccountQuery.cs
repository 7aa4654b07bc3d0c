using OmniaKey.Application.Exceptions;
using OmniaKey.Application.Messaging;
using OmniaKey.Modules.Accounts.Application.Accounts;
using OmniaKey.Modules.Accounts.Domain.Accounts;
using OmniaKey.Modules.Billing.Contracts;
using OmniaKey.Modules.Compliance.Contracts;
using OmniaKey.Modules.Keys.Contracts;
using OmniaKey.Modules.Policies.Contracts;

namespace OmniaKey.Modules.Accounts.Application.SelfService;

/// <summary>
/// <c>POST /api/v1/account/export</c>: everything OmniaKey holds about the account, in one JSON document — each
/// section from the module that owns it, in the shape its own API uses (docs/accounts.md).
/// </summary>
internal sealed record ExportAccountQuery(Guid AccountId) : IQuery<AccountExportDto>;

internal sealed record AccountExportDto(
    DateTimeOffset ExportedAt,
    AccountProfileDto Profile,
    EligibilityDto? EligibilityStatement,
    IReadOnlyList<TermsAcceptanceDto> TermsAcceptances,
    IReadOnlyList<object> Keys,
    IReadOnlyList<object> Ledger,
    IReadOnlyList<object> Usage,
    IReadOnlyList<object> Refunds,
    IReadOnlyList<object> ComplianceDecisions);

internal sealed record AccountProfileDto(
    Guid Id,
    string Email,
    string Status,
    string Country,
    DateTimeOffset CreatedAt,
    DateTimeOffset? EmailVerifiedAt,
    string? SuspensionReason,
    DateTimeOffset? TerminatedAt,
    string? TerminationReason);

internal sealed record EligibilityDto(string TermsVersion, DateTimeOffset ConfirmedAt, string? IpAddress);

internal sealed class ExportAccountQueryHandler(IAccountRepository accounts, IDispatcher dispatcher, TimeProvider clock)
    : IQueryHandler<ExportAccountQuery, AccountExportDto>
{
    public async Task<AccountExportDto> Handle(ExportAccountQuery query, CancellationToken cancellationToken)
    {
        var account = await accounts.FindAsync(query.AccountId, cancellationToken)
            ?? throw new NotFoundException("account_not_found", "The account does not exist.");
        var id = account.Id;
        var acceptances = await dispatcher.Query(new GetTermsAcceptancesQuery(id), cancellationToken);
        var keys = await dispatcher.Query(new GetAccountKeysForExportQuery(id), cancellationToken);
        var billing = await dispatcher.Query(new GetAccountBillingForExportQuery(id), cancellationToken);
        var decisions = await dispatcher.Query(new GetAccountDecisionsForExportQuery(id), cancellationToken);
        var profile = new AccountProfileDto(
            id,
            account.Email,
            AccountMapping.StatusName(account.Status),
            account.Country,
            account.CreatedAt,
            account.EmailVerifiedAt,
            account.SuspensionReason,
            account.TerminatedAt,
            account.TerminationReason);
        var eligibility = account.Eligibility is { } e ? new EligibilityDto(e.TermsVersion, e.ConfirmedAt, e.IpAddress) : null;
        return new AccountExportDto(
            clock.GetUtcNow(), profile, eligibility, acceptances, keys, billing.Ledger, billing.Usage, billing.Refunds, decisions);
    }
}
