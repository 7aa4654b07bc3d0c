using OmniaKey.Domain.Money;

namespace OmniaKey.Modules.Billing.Domain.Ledger;

/// <summary>
/// One account's ledger sum beside its balance. The invariant: every change of a balance is a ledger entry, and
/// holds only move money between available and reserved, so the entries sum to available plus reserved.
/// </summary>
internal sealed record LedgerTotals(Guid AccountId, Money LedgerSum, Money Available, Money Reserved)
{
    public Money Balance => Available + Reserved;

    public bool IsBalanced => LedgerSum == Balance;
}
