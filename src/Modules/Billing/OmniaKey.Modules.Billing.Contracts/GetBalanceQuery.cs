using OmniaKey.Application.Messaging;

namespace OmniaKey.Modules.Billing.Contracts;

/// <summary>The balance of one account; an account that never had money has a zero balance.</summary>
public sealed record GetBalanceQuery(Guid AccountId) : IQuery<BalanceDto>;
