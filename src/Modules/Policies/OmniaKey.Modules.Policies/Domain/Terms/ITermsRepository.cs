namespace OmniaKey.Modules.Policies.Domain.Terms;

internal interface ITermsRepository
{
    /// <summary>The newest version whose effective date has passed.</summary>
    Task<TermsVersion?> FindInForceAsync(DateTimeOffset now, CancellationToken cancellationToken);

    Task<TermsVersion?> FindAsync(string version, CancellationToken cancellationToken);

    /// <summary>Every version, newest effective date first (few rows ever exist).</summary>
    Task<IReadOnlyList<TermsVersion>> ListAsync(CancellationToken cancellationToken);

    /// <summary>Material versions whose notices are not all created yet, or still have notices to send.</summary>
    Task<IReadOnlyList<TermsVersion>> ListWithNoticeWorkAsync(CancellationToken cancellationToken);

    void Add(TermsVersion version);
}
