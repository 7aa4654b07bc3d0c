namespace OmniaKey.Modules.Policies.Domain.Terms;

internal interface ITermsRepository
{
    /// <summary>The newest version whose effective date has passed.</summary>
    Task<TermsVersion?> FindInForceAsync(DateTimeOffset now, CancellationToken cancellationToken);
}
