using OmniaKey.Application.Messaging;
using OmniaKey.Modules.Billing.Application.Balances;
using OmniaKey.Modules.Billing.Domain.Refunds;

namespace OmniaKey.Modules.Billing.Application.Refunds.GetRefundable;

/// <summary>
/// What the account could ask to have refunded now (decimal USD, whole cents): the amount a refund request without
/// <c>amount_usd</c> would hold, by the same rule (<see cref="RefundPolicy"/>, docs/adr/0011). Shown on the console's
/// billing page before the customer asks; the request checks it again under the balance row's lock.
/// </summary>
internal sealed record GetRefundableQuery(Guid AccountId) : IQuery<string>;

internal sealed class GetRefundableQueryHandler(IRefundStore refunds, IPendingSettlements pending) : IQueryHandler<GetRefundableQuery, string>
{
    public async Task<string> Handle(GetRefundableQuery query, CancellationToken cancellationToken)
    {
        await pending.WaitForAccountAsync(query.AccountId, cancellationToken);
        return RefundPolicy.Refundable(await refunds.GetFundsAsync(query.AccountId, cancellationToken)).ToString();
    }
}
