using Microsoft.Extensions.Logging;
using OmniaKey.Application.Messaging;
using OmniaKey.Modules.Billing.Application.Refunds;
using OmniaKey.Modules.Billing.Domain.Refunds;

namespace OmniaKey.Modules.Billing.Application.Terminations.SettleTerminatedAccount;

/// <summary>
/// Idempotent under redelivery: a settled account (one settlement row per account) is left alone; a delivery that
/// died half-way is finished by the next, because each step is itself idempotent — approvals are conditional, the
/// termination refund has the fixed reference <c>termination</c>, and the forfeiture commits with its settlement row.
/// Without a breach, refunds the customer asked for and an operator has not decided yet are approved too: the Terms
/// return all unused balance. With a breach, they are denied and their holds forfeited with the rest.
/// </summary>
internal sealed partial class SettleTerminatedAccountCommandHandler(
    ITerminationSettlements settlements,
    IRefundStore refunds,
    RefundRequests requests,
    IRefundQueue queue,
    TimeProvider clock,
    ILogger<SettleTerminatedAccountCommandHandler> logger) : ICommandHandler<SettleTerminatedAccountCommand>
{
    public const string TerminationReference = "termination";

    public async Task Handle(SettleTerminatedAccountCommand command, CancellationToken cancellationToken)
    {
        if (await settlements.ExistsAsync(command.AccountId, cancellationToken))
        {
            return;
        }

        var now = clock.GetUtcNow();
        var settlement = new TerminationSettlement(command.AccountId, command.MaterialBreach, now);
        if (command.MaterialBreach)
        {
            if (await settlements.ForfeitAsync(settlement, command.Reason, cancellationToken))
            {
                LogForfeited(command.AccountId, settlement.Forfeited.ToString());
            }

            return;
        }

        foreach (var pending in await refunds.ListByStatusAsync(command.AccountId, RefundStatus.PendingApproval, cancellationToken))
        {
            if (await refunds.TryApproveAsync(pending.Id, now, cancellationToken))
            {
                queue.Enqueue(pending.Id);
            }
        }

        var requested = await requests.RequestAsync(command.AccountId, null, RefundOrigin.Termination, TerminationReference, approved: true, cancellationToken);
        settlement.RecordRefund(requested.Refund?.Id);
        if (await settlements.RecordAsync(settlement, cancellationToken))
        {
            LogRefundQueued(command.AccountId, requested.Refund?.Amount.ToString() ?? "0");
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Account {AccountId} terminated for material breach: {ForfeitedUsd} USD forfeited")]
    private partial void LogForfeited(Guid accountId, string forfeitedUsd);

    [LoggerMessage(Level = LogLevel.Information, Message = "Account {AccountId} terminated: a refund of {AmountUsd} USD of unused paid balance is queued")]
    private partial void LogRefundQueued(Guid accountId, string amountUsd);
}
