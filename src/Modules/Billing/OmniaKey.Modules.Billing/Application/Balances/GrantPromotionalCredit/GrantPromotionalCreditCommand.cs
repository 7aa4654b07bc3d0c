using OmniaKey.Application.Messaging;
using OmniaKey.Modules.Billing.Contracts;

namespace OmniaKey.Modules.Billing.Application.Balances.GrantPromotionalCredit;

/// <summary>
/// An operator grants promotional credit: a <c>promotional_credit</c> ledger entry, spendable like any balance but
/// never refunded. Repeating it with the same <see cref="IdempotencyKey"/> returns the first grant.
/// </summary>
internal sealed record GrantPromotionalCreditCommand(Guid AccountId, string AmountUsd, string Reason, string? IdempotencyKey)
    : ICommand<LedgerEntryDto>;
