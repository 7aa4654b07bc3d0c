using OmniaKey.Application.Messaging;

namespace OmniaKey.Modules.Billing.Contracts;

/// <summary>
/// What each of the account's budgeted keys has spent (settled) and holds (calls in flight) in its budget's current
/// period (UTC), as the budget counts it (this instance's queued settlements of the account are applied first).
/// Keys with no spend in the period yet are left out.
/// </summary>
public sealed record GetKeyBudgetSpendQuery(Guid AccountId, IReadOnlyList<KeyBudgetOfKey> Keys) : IQuery<IReadOnlyList<KeyBudgetSpendDto>>;

/// <summary>A key and its budget's period.</summary>
public sealed record KeyBudgetOfKey(Guid KeyId, KeyBudgetPeriod Period);

/// <summary>A key's spend and holds in the period starting at <paramref name="PeriodStart"/>, decimal USD strings.</summary>
public sealed record KeyBudgetSpendDto(Guid KeyId, DateTimeOffset PeriodStart, string SpentUsd, string ReservedUsd);
