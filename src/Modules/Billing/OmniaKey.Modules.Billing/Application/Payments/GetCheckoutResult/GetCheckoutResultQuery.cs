using OmniaKey.Application.Messaging;

namespace OmniaKey.Modules.Billing.Application.Payments.GetCheckoutResult;

/// <summary>
/// What became of the account's checkout session <see cref="SessionId"/>, for the page Stripe Checkout returns the
/// customer to: paid (and credited) or still pending (the webhook has not arrived yet). Null when the session is not
/// one of this account's top-ups, so nobody learns anything about another account's sessions.
/// </summary>
internal sealed record GetCheckoutResultQuery(Guid AccountId, string SessionId) : IQuery<CheckoutResultDto?>;

/// <param name="Status"><c>paid</c> (credited) or <c>pending</c>.</param>
internal sealed record CheckoutResultDto(string Status, string AmountUsd);
