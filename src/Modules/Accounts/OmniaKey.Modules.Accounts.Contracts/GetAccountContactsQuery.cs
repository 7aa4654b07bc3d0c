using OmniaKey.Application.Messaging;

namespace OmniaKey.Modules.Accounts.Contracts;

/// <summary>
/// The e-mail addresses of the given accounts, for notices owed to customers (Terms §11). Terminated and unknown
/// accounts are left out.
/// </summary>
public sealed record GetAccountContactsQuery(IReadOnlyCollection<Guid> AccountIds) : IQuery<IReadOnlyList<AccountContactDto>>;

public sealed record AccountContactDto(Guid AccountId, string Email);
