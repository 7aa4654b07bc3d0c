using OmniaKey.Application.Messaging;

namespace OmniaKey.Modules.Billing.Application.Payments.ListDisputes;

/// <summary>
/// Disputed payments, newest first, for one account or all. An account with a dispute is flagged for review:
/// this list is where operators find them.
/// </summary>
internal sealed record ListDisputesQuery(Guid? AccountId) : IQuery<PageDto<DisputeDto>>;

internal sealed record DisputeDto(
    string Id,
    Guid AccountId,
    string ChargeId,
    string AmountUsd,
    string ClawedBackUsd,
    string UncollectedUsd,
    string Reason,
    DateTimeOffset CreatedAt,
    string Status,
    DateTimeOffset? ClosedAt);
