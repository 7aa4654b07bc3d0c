using OmniaKey.Application.Messaging;

namespace OmniaKey.Modules.Compliance.Application.Reviews.ObserveCardCountry;

/// <summary>
/// A top-up of <see cref="AccountId"/> was paid (payment <see cref="PaymentId"/>) with a card issued in
/// <see cref="CardCountry"/>. Once per payment, however often it is delivered.
/// </summary>
internal sealed record ObserveCardCountryCommand(Guid AccountId, string CardCountry, string PaymentId) : ICommand;
