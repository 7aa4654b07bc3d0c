namespace OmniaKey.Modules.Accounts.Domain.Tokens;

internal interface IAccountTokenRepository
{
    void Add(AccountToken token);

    Task<AccountToken?> FindByHashAsync(string tokenHash, CancellationToken cancellationToken);

    /// <summary>The account's tokens of that purpose not yet used (expired or not).</summary>
    Task<IReadOnlyList<AccountToken>> ListUnusedAsync(Guid accountId, AccountTokenPurpose purpose, CancellationToken cancellationToken);
}
