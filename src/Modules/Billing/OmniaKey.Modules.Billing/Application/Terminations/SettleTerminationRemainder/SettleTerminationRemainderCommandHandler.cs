using Microsoft.Extensions.Logging;
using OmniaKey.Application.Messaging;
using OmniaKey.Domain.Money;
using OmniaKey.Modules.Billing.Application.Refunds;
using OmniaKey.Modules.Billing.Application.Terminations.SettleTerminatedAccount;
using OmniaKey.Modules.Billing.Domain.Refunds;

namespace OmniaKey.Modules.Billing.Application.Terminations.SettleTerminationRemainder;

/// <summary>
/// A breach: the store takes whatever is available under the balance row's lock, so a second run takes nothing. No
/// breach: each remainder refund has the next free reference <c>termination-remainder-N</c>, so two runs at once ask
/// for the same reference and only one refund is created; and the refund store checks the amount again under the lock.
/// </summary>
internal sealed partial class SettleTerminationRemainderCommandHandler(
    ITerminationSettlements settlements,
    IRefundStore refunds,
    RefundRequests requests,
    ILogger<SettleTerminationRemainderCommandHandler> logger) : ICommandHandler<SettleTerminationRemainderCommand>
{
    private const string ReferencePrefix = SettleTerminatedAccountCommandHandler.TerminationReference + "-remainder-";

    public async Task Handle(SettleTerminationRemainderCommand command, CancellationToken cancellationToken)
    {
        var settlement = await settlements.FindAsync(command.AccountId, cancellationToken);
        if (settlement is null)
        {
            return;
        }

        if (settlement.MaterialBreach)
        {
            var forfeited = await settlements.ForfeitRemainderAsync(settlement, cancellationToken);
            if (forfeited.IsPositive)
            {
                LogForfeited(command.AccountId, forfeited);
            }

            return;
        }

        // A refund that failed gave its money back to the balance; asking again every minute would fail again. An
        // operator settles such an account (docs/adr/0053).
        if ((await refunds.ListByStatusAsync(command.AccountId, RefundStatus.Failed, cancellationToken)).Count > 0)
        {
            return;
        }

        var reference = await NextReferenceAsync(command.AccountId, cancellationToken);
        var requested = await requests.RequestAsync(command.AccountId, null, RefundOrigin.Termination, reference, approved: true, cancellationToken);
        if (requested is { IsNew: true, Refund: { } refund })
        {
            LogRefundQueued(command.AccountId, refund.Amount);
        }
    }

    private async Task<string> NextReferenceAsync(Guid accountId, CancellationToken cancellationToken)
    {
        var n = 1;
        while (await refunds.FindByReferenceAsync(accountId, ReferencePrefix + n, cancellationToken) is not null)
        {
            n++;
        }

        return ReferencePrefix + n;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Terminated account {AccountId} (material breach): {ForfeitedUsd} USD that came back after the termination forfeited")]
    private partial void LogForfeited(Guid accountId, Money forfeitedUsd);

    [LoggerMessage(Level = LogLevel.Information, Message = "Terminated account {AccountId}: a refund of {AmountUsd} USD that came back after the termination is queued")]
    private partial void LogRefundQueued(Guid accountId, Money amountUsd);
}
