namespace OmniaKey.Modules.Accounts.Domain.Accounts;

internal interface IAccountRepository
{
    void Add(Account account);

    Task<Account?> FindAsync(Guid id, CancellationToken cancellationToken);

    Task<Account?> FindByEmailAsync(string normalizedEmail, CancellationToken cancellationToken);

    Task<bool> EmailExistsAsync(string normalizedEmail, CancellationToken cancellationToken);

    /// <summary>Up to <paramref name="limit"/> accounts matching <paramref name="filter"/>, newest first, untracked.</summary>
    Task<IReadOnlyList<Account>> ListAsync(AccountListFilter filter, int limit, CancellationToken cancellationToken);
}
