using Microsoft.EntityFrameworkCore;
using OmniaKey.Modules.Accounts.Application.Accounts.GetAccountContacts;
using OmniaKey.Modules.Accounts.Contracts;
using OmniaKey.Modules.Accounts.Domain.Accounts;

namespace OmniaKey.Modules.Accounts.Infrastructure.Persistence;

internal sealed class AccountContacts(AccountsDbContext db) : IAccountContacts
{
    public async Task<IReadOnlyList<AccountContactDto>> ListNotTerminatedAsync(IReadOnlyCollection<Guid> accountIds, CancellationToken cancellationToken) =>
        await db.Accounts.AsNoTracking()
            .Where(a => accountIds.Contains(a.Id) && a.Status != AccountStatus.Terminated)
            .Select(a => new AccountContactDto(a.Id, a.Email))
            .ToListAsync(cancellationToken);
}
