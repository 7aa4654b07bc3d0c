using OmniaKey.Application.Messaging;

namespace OmniaKey.Modules.Billing.Application.Refunds.ProcessRefunds;

internal sealed class ProcessRefundCommandHandler(RefundProcessor processor) : ICommandHandler<ProcessRefundCommand>
{
    public Task Handle(ProcessRefundCommand command, CancellationToken cancellationToken) =>
        processor.ProcessAsync(command.RefundId, cancellationToken);
}
