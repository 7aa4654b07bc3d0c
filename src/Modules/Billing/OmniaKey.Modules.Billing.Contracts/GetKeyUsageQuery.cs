using OmniaKey.Application.Messaging;

namespace OmniaKey.Modules.Billing.Contracts;

/// <summary>
/// What each of the account's keys has been charged in total, and when it was last used, from the usage records
/// (this instance's queued settlements of the account are applied first). Keys never used are left out.
/// </summary>
public sealed record GetKeyUsageQuery(Guid AccountId, IReadOnlyList<Guid> KeyIds) : IQuery<IReadOnlyList<KeyUsageDto>>;

/// <summary>A key's total charged cost (decimal USD string) and the time of its latest usage record.</summary>
public sealed record KeyUsageDto(Guid KeyId, string SpendUsd, DateTimeOffset LastUsedAt);
