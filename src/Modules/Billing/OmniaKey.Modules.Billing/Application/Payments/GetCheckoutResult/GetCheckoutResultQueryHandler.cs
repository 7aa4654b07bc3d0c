using OmniaKey.Application.Messaging;
using OmniaKey.Domain.Money;
using OmniaKey.Modules.Billing.Domain.Payments;

namespace OmniaKey.Modules.Billing.Application.Payments.GetCheckoutResult;

internal sealed class GetCheckoutResultQueryHandler(ITopUpRepository topUps) : IQueryHandler<GetCheckoutResultQuery, CheckoutResultDto?>
{
    public async Task<CheckoutResultDto?> Handle(GetCheckoutResultQuery query, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(query.SessionId))
        {
            return null;
        }

        var topUp = await topUps.FindBySessionAsync(query.SessionId, cancellationToken);
        if (topUp is null || topUp.AccountId != query.AccountId)
        {
            return null;
        }

        // A paid top-up was credited in the same transaction that marked it paid (docs/adr/0010).
        return topUp.Status == TopUpStatus.Paid
            ? new CheckoutResultDto("paid", Money.FromCents(topUp.PaidCents ?? topUp.AmountCents).ToString())
            : new CheckoutResultDto("pending", Money.FromCents(topUp.AmountCents).ToString());
    }
}
