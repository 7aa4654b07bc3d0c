using OmniaKey.Modules.Billing.Contracts;
using OmniaKey.Modules.Billing.Domain.Ledger;

namespace OmniaKey.Modules.Billing.Application.Balances;

internal static class LedgerEntryMapping
{
    public static LedgerEntryDto ToDto(LedgerEntry e) => new(e.Id, e.TypeName, e.Amount.ToString(), e.Description, e.CreatedAt);
}
