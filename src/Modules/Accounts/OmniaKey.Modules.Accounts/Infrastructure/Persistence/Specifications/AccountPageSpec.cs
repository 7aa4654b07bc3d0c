using Ardalis.Specification;
using OmniaKey.Modules.Accounts.Domain.Accounts;

namespace OmniaKey.Modules.Accounts.Infrastructure.Persistence.Specifications;

/// <summary>
/// The operators' account list: newest first (creation time, then id), keyset-paged. The exact e-mail uses the unique
/// index; the prefix is a <c>LIKE 'prefix%'</c> over the stored lower-case addresses.
/// </summary>
internal sealed class AccountPageSpec : Specification<Account>
{
    public AccountPageSpec(AccountListFilter filter, int limit)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        if (filter.Email is not null)
        {
            Query.Where(a => a.Email == filter.Email);
        }

        if (filter.EmailPrefix is not null)
        {
            Query.Where(a => a.Email.StartsWith(filter.EmailPrefix));
        }

        if (filter.Status is not null)
        {
            Query.Where(a => a.Status == filter.Status);
        }

        if (filter is { AfterCreatedAt: { } createdAt, AfterId: { } id })
        {
            Query.Where(a => a.CreatedAt < createdAt || (a.CreatedAt == createdAt && a.Id.CompareTo(id) < 0));
        }

        Query.OrderByDescending(a => a.CreatedAt).ThenByDescending(a => a.Id);
        Query.Take(limit);
        Query.AsNoTracking();
    }
}
