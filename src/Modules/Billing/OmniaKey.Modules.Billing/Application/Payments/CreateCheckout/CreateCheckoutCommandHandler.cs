using OmniaKey.Application.Exceptions;
using OmniaKey.Application.Messaging;
using OmniaKey.Domain.Money;
using OmniaKey.Modules.Accounts.Contracts;
using OmniaKey.Modules.Billing.Domain.Payments;

namespace OmniaKey.Modules.Billing.Application.Payments.CreateCheckout;

/// <summary>
/// Creates the provider's checkout session first, then records it: only sessions recorded here can ever credit a
/// balance, so a session whose recording failed is simply never honoured (and the customer can start another).
/// </summary>
internal sealed class CreateCheckoutCommandHandler(
    IPaymentGateway gateway,
    ITopUpRepository topUps,
    IAccountDirectory accounts,
    TimeProvider clock) : ICommandHandler<CreateCheckoutCommand, CheckoutSessionDto>
{
    public async Task<CheckoutSessionDto> Handle(CreateCheckoutCommand command, CancellationToken cancellationToken)
    {
        var status = await accounts.GetStatusAsync(command.AccountId, cancellationToken)
            ?? throw new NotFoundException("account_not_found", $"Account {command.AccountId} does not exist.");
        if (!status.IsActive)
        {
            throw new ForbiddenException("account_suspended", "This account cannot top up while it is not active.");
        }

        var now = clock.GetUtcNow();
        var amountCents = Money.Parse(command.AmountUsd).WholeCentsRoundedDown;
        var topUpId = Guid.CreateVersion7(now);
        var session = await gateway.CreateCheckoutSessionAsync(new CheckoutSessionRequest(topUpId, command.AccountId, amountCents), cancellationToken);
        topUps.Add(new TopUp(topUpId, command.AccountId, session.Id, amountCents, now));
        return new CheckoutSessionDto(session.Id, session.Url);
    }
}
