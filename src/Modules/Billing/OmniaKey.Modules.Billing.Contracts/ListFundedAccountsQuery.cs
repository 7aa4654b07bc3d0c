using OmniaKey.Application.Messaging;

namespace OmniaKey.Modules.Billing.Contracts;

/// <summary>
/// A page of the accounts whose available balance is positive, in account-id order after <paramref name="After"/>
/// (null: from the start); fewer than <paramref name="Limit"/> ids means the last page.
/// </summary>
public sealed record ListFundedAccountsQuery(Guid? After, int Limit) : IQuery<IReadOnlyList<Guid>>;
