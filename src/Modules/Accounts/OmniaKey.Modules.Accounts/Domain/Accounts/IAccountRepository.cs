namespace OmniaKey.Modules.Accounts.Domain.Accounts;

internal interface IAccountRepository
{
    void Add(Account account);

    Task<Account?> FindAsync(Guid id, CancellationToken cancellationToken);

    Task<Account?> FindByEmailAsync(string normalizedEmail, CancellationToken cancellationToken);

    Task<bool> EmailExistsAsync(string normalizedEmail, CancellationToken cancellationToken);
}
