using OmniaKey.Application.Messaging;

namespace OmniaKey.Modules.Billing.Application.Payments.CreateCheckout;

/// <summary>
/// A customer starts a top-up of <see cref="AmountUsd"/> (decimal USD, whole cents) on a hosted checkout page, from
/// <see cref="IpAddress"/> (the client IP, checked against the Restricted Territory).
/// </summary>
internal sealed record CreateCheckoutCommand(Guid AccountId, string AmountUsd, string? IpAddress = null) : ICommand<CheckoutSessionDto>;

internal sealed record CheckoutSessionDto(string SessionId, string CheckoutUrl);
