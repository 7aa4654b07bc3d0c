using OmniaKey.Application.Exceptions;
using OmniaKey.Application.Messaging;
using OmniaKey.Domain.Money;
using OmniaKey.Modules.Accounts.Contracts;
using OmniaKey.Modules.Billing.Domain.Payments;
using OmniaKey.Modules.Compliance.Contracts;

namespace OmniaKey.Modules.Billing.Application.Payments.CreateCheckout;

/// <summary>
/// Creates the provider's checkout session first, then records it: only sessions recorded here can ever credit a
/// balance, so a session whose recording failed is simply never honoured (and the customer can start another).
/// Before anything, the client IP is checked against the Restricted Territory: a denial creates no session (the
/// endpoint records it after this command rolled back); an allow is recorded with the top-up.
/// </summary>
internal sealed class CreateCheckoutCommandHandler(
    IPaymentGateway gateway,
    ITopUpRepository topUps,
    IAccountDirectory accounts,
    IDispatcher dispatcher,
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

        var decision = RestrictedTerritoryException.ThrowIfDenied(
            await dispatcher.Query(new EvaluateAccessQuery(AccessSurfaces.Checkout, command.IpAddress, AccountId: command.AccountId), cancellationToken));
        await dispatcher.Send(new RecordAccessDecisionCommand(decision), cancellationToken);

        var now = clock.GetUtcNow();
        var amountCents = Money.Parse(command.AmountUsd).WholeCentsRoundedDown;
        var topUpId = Guid.CreateVersion7(now);
        var session = await gateway.CreateCheckoutSessionAsync(new CheckoutSessionRequest(topUpId, command.AccountId, amountCents), cancellationToken);
        topUps.Add(new TopUp(topUpId, command.AccountId, session.Id, amountCents, now));
        return new CheckoutSessionDto(session.Id, session.Url);
    }
}
