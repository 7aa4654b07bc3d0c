using OmniaKey.Domain.Money;

namespace OmniaKey.Modules.Billing.Domain.Balances;

/// <summary>
/// One account's balance, split into what can be spent (<see cref="AvailableNanoUsd"/>) and what in-flight calls
/// hold (<see cref="ReservedNanoUsd"/>). Their sum always equals the sum of the account's ledger entries.
/// The numbers only ever change through atomic SQL increments (<c>BalanceStore</c>), never by loading, editing and
/// saving this entity, because concurrent calls on other instances change them at the same time.
/// </summary>
internal sealed class BalanceAccount
{
    public BalanceAccount(Guid accountId, DateTimeOffset createdAt)
    {
        AccountId = accountId;
        CreatedAt = createdAt;
    }

    public Guid AccountId { get; private set; }

    public long AvailableNanoUsd { get; private set; }

    public long ReservedNanoUsd { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public Money Available => Money.FromNanoUsd(AvailableNanoUsd);

    public Money Reserved => Money.FromNanoUsd(ReservedNanoUsd);
}
