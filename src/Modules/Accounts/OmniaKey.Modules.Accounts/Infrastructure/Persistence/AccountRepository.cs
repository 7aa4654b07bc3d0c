using Microsoft.EntityFrameworkCore;
using OmniaKey.Modules.Accounts.Domain.Accounts;

namespace OmniaKey.Modules.Accounts.Infrastructure.Persistence;

internal sealed class AccountRepository(AccountsDbContext db) : IAccountRepository
{
    public void Add(Account account) => db.Accounts.Add(account);

    public Task<Account?> FindAsync(Guid id, CancellationToken cancellationToken) =>
        db.Accounts.FirstOrDefaultAsync(a => a.Id == id, cancellationToken);

    public Task<Account?> FindByEmailAsync(string normalizedEmail, CancellationToken cancellationToken) =>
        db.Accounts.FirstOrDefaultAsync(a => a.Email == normalizedEmail, cancellationToken);

    public Task<bool> EmailExistsAsync(string normalizedEmail, CancellationToken cancellationToken) =>
        db.Accounts.AnyAsync(a => a.Email == normalizedEmail, cancellationToken);
}
