using OmniaKey.Application.Messaging;
using OmniaKey.Modules.Billing.Contracts;

namespace OmniaKey.Modules.Billing.Application.Balances.ListFundedAccounts;

internal sealed class ListFundedAccountsQueryHandler(IFundedAccounts funded) : IQueryHandler<ListFundedAccountsQuery, IReadOnlyList<Guid>>
{
    public const int MaxLimit = 1000;

    public Task<IReadOnlyList<Guid>> Handle(ListFundedAccountsQuery query, CancellationToken cancellationToken) =>
        funded.ListAsync(query.After, Math.Clamp(query.Limit, 1, MaxLimit), cancellationToken);
}

/// <summary>Reads the accounts whose available balance is above zero, a keyset page at a time.</summary>
internal interface IFundedAccounts
{
    Task<IReadOnlyList<Guid>> ListAsync(Guid? after, int limit, CancellationToken cancellationToken);
}
