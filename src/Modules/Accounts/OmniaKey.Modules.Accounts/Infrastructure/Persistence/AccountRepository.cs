using Microsoft.EntityFrameworkCore;
using OmniaKey.Infrastructure.Persistence;
using OmniaKey.Modules.Accounts.Domain.Accounts;
using OmniaKey.Modules.Accounts.Infrastructure.Persistence.Specifications;

namespace OmniaKey.Modules.Accounts.Infrastructure.Persistence;

internal sealed class AccountRepository(AccountsDbContext db) : IAccountRepository
{
    public void Add(Account account) => db.Accounts.Add(account);

    public Task<Account?> FindAsync(Guid id, CancellationToken cancellationToken) =>
        db.Accounts.FirstOrDefaultAsync(a => a.Id == id, cancellationToken);

    public Task<Account?> FindByEmailAsync(string normalizedEmail, CancellationToken cancellationToken) =>
        SpecificationEvaluator.Apply(db.Accounts, new AccountByEmailSpec(normalizedEmail)).FirstOrDefaultAsync(cancellationToken);

    public Task<bool> EmailExistsAsync(string normalizedEmail, CancellationToken cancellationToken) =>
        SpecificationEvaluator.Apply(db.Accounts, new AccountByEmailSpec(normalizedEmail)).AnyAsync(cancellationToken);

    public async Task<IReadOnlyList<Account>> ListAsync(AccountListFilter filter, int limit, CancellationToken cancellationToken) =>
        await SpecificationEvaluator.Apply(db.Accounts, new AccountPageSpec(filter, limit)).ToListAsync(cancellationToken);
}
