namespace OmniaKey.Modules.Policies.Domain.Acceptances;

internal interface ITermsAcceptanceRepository
{
    Task<TermsAcceptance?> FindAsync(Guid accountId, string version, CancellationToken cancellationToken);

    /// <summary>
    /// Adds the acceptance unless the account already accepted that version (then returns the first one): the unique
    /// index on account and version decides between concurrent writers.
    /// </summary>
    Task<TermsAcceptance> AddIfMissingAsync(TermsAcceptance acceptance, CancellationToken cancellationToken);

    /// <summary>Every acceptance of the account, newest first.</summary>
    Task<IReadOnlyList<TermsAcceptance>> ListForAccountAsync(Guid accountId, CancellationToken cancellationToken);
}
