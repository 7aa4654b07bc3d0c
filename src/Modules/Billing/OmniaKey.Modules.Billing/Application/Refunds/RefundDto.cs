using OmniaKey.Modules.Billing.Domain.Refunds;

namespace OmniaKey.Modules.Billing.Application.Refunds;

/// <summary>
/// A refund as the customer and operators see it: <c>{id, amount_usd, status, …}</c>. <c>refunded_usd</c> is what went
/// back to the card(s) once it finished; <c>last_error</c> says why the last attempt did not finish, and
/// <c>next_attempt_at</c> when the next one is due (or, while processing, until when the current one is leased).
/// </summary>
internal sealed record RefundDto(
    Guid Id,
    Guid AccountId,
    string AmountUsd,
    string Status,
    string RefundedUsd,
    string Origin,
    int Attempts,
    string? LastError,
    DateTimeOffset CreatedAt,
    DateTimeOffset? DecidedAt,
    DateTimeOffset? CompletedAt,
    DateTimeOffset? NextAttemptAt)
{
    public static RefundDto From(Refund r) => new(
        r.Id, r.AccountId, r.Amount.ToString(), r.StatusName, r.Refunded.ToString(), r.OriginName, r.Attempts, r.LastError, r.CreatedAt, r.DecidedAt, r.CompletedAt, r.NextAttemptAt);
}
