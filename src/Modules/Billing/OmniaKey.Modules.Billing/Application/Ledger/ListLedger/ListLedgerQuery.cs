using OmniaKey.Application.Messaging;
using OmniaKey.Modules.Billing.Contracts;

namespace OmniaKey.Modules.Billing.Application.Ledger.ListLedger;

/// <summary>An account's ledger, newest first, <see cref="Limit"/> entries a page (default 50, at most 200).</summary>
internal sealed record ListLedgerQuery(Guid AccountId, int? Limit, string? Cursor) : IQuery<PageDto<LedgerEntryDto>>
{
    public const int DefaultLimit = 50;
    public const int MaximumLimit = 200;
}
