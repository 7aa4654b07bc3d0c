using OmniaKey.Application.Messaging;

namespace OmniaKey.Modules.Billing.Application.Refunds.DenyRefund;

/// <summary>An operator denies a refund pending approval; its held amount returns to the available balance.</summary>
internal sealed record DenyRefundCommand(Guid RefundId) : ICommand<RefundDto>;
