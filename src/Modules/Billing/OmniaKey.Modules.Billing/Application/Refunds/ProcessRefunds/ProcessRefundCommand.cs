using OmniaKey.Application.Messaging;

namespace OmniaKey.Modules.Billing.Application.Refunds.ProcessRefunds;

/// <summary>Processes one refund if it is due (enqueued when the refund is approved).</summary>
internal sealed record ProcessRefundCommand(Guid RefundId) : ICommand;
