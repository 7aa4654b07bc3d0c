using OmniaKey.Application.Messaging;
using OmniaKey.Modules.Accounts.Domain.Accounts;
using OmniaKey.Modules.Billing.Contracts;

namespace OmniaKey.Modules.Accounts.Application.Accounts.ListAccounts;

internal sealed class ListAccountsQueryHandler(IAccountRepository accounts, IDispatcher dispatcher)
    : IQueryHandler<ListAccountsQuery, AccountPageDto>
{
    public async Task<AccountPageDto> Handle(ListAccountsQuery query, CancellationToken cancellationToken)
    {
        AccountCursor.TryDecode(query.Cursor, out var after);
        var filter = new AccountListFilter(
            string.IsNullOrWhiteSpace(query.Email) ? null : Account.NormalizeEmail(query.Email),
            string.IsNullOrWhiteSpace(query.EmailPrefix) ? null : Account.NormalizeEmail(query.EmailPrefix),
            string.IsNullOrEmpty(query.Status) ? null : Enum.Parse<AccountStatus>(query.Status, ignoreCase: true),
            after?.CreatedAt,
            after?.Id);
        var limit = query.Limit ?? ListAccountsQuery.DefaultLimit;

        // One extra row tells whether another page follows, without a count query.
        var rows = await accounts.ListAsync(filter, limit + 1, cancellationToken);
        var page = rows.Take(limit).ToList();
        var items = new List<AccountDto>(page.Count);
        foreach (var account in page)
        {
            // Balances live in Billing; a page is at most MaximumLimit accounts, each a primary-key read.
            items.Add(AccountMapping.ToDto(account, await dispatcher.Query(new GetBalanceQuery(account.Id), cancellationToken)));
        }

        var next = rows.Count > limit ? AccountCursor.Encode(page[^1].CreatedAt, page[^1].Id) : null;
        return new AccountPageDto(items, next);
    }
}
