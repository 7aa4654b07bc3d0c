using OmniaKey.Application.Messaging;

namespace OmniaKey.Modules.Billing.Application.Refunds.ApproveRefund;

/// <summary>An operator approves a refund pending approval; processing starts at once. Approving it again changes nothing.</summary>
internal sealed record ApproveRefundCommand(Guid RefundId) : ICommand<RefundDto>;
