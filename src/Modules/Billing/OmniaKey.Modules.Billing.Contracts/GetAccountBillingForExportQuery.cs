using OmniaKey.Application.Messaging;

namespace OmniaKey.Modules.Billing.Contracts;

/// <summary>
/// One account's whole ledger, usage and refunds, newest first, each entry in the shape of <c>GET /api/v1/ledger</c>,
/// <c>GET /api/v1/usage</c> and <c>GET /api/v1/billing/refunds</c>, for the account's data export.
/// </summary>
public sealed record GetAccountBillingForExportQuery(Guid AccountId) : IQuery<AccountBillingExportDto>;

public sealed record AccountBillingExportDto(IReadOnlyList<object> Ledger, IReadOnlyList<object> Usage, IReadOnlyList<object> Refunds);
