using OmniaKey.Application.Messaging;
using OmniaKey.Modules.Accounts.Contracts;

namespace OmniaKey.Modules.Accounts.Application.Accounts.GetAccountContacts;

internal sealed class GetAccountContactsQueryHandler(IAccountContacts contacts) : IQueryHandler<GetAccountContactsQuery, IReadOnlyList<AccountContactDto>>
{
    public async Task<IReadOnlyList<AccountContactDto>> Handle(GetAccountContactsQuery query, CancellationToken cancellationToken) =>
        query.AccountIds.Count == 0 ? [] : await contacts.ListNotTerminatedAsync(query.AccountIds, cancellationToken);
}

/// <summary>Reads the e-mail addresses of accounts that are not terminated.</summary>
internal interface IAccountContacts
{
    Task<IReadOnlyList<AccountContactDto>> ListNotTerminatedAsync(IReadOnlyCollection<Guid> accountIds, CancellationToken cancellationToken);
}
