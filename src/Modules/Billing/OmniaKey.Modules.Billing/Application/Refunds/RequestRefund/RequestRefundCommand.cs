using OmniaKey.Application.Messaging;

namespace OmniaKey.Modules.Billing.Application.Refunds.RequestRefund;

/// <summary>
/// A customer asks for unused balance back: <see cref="AmountUsd"/> (decimal USD, whole cents), or everything
/// refundable when null. Repeating it with the same <see cref="IdempotencyKey"/> returns the first refund.
/// </summary>
internal sealed record RequestRefundCommand(Guid AccountId, string? AmountUsd, string? IdempotencyKey) : ICommand<RefundDto>;
