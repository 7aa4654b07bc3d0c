using Microsoft.EntityFrameworkCore;
using OmniaKey.Application.Abstractions;
using OmniaKey.Modules.Policies.Domain.Acceptances;

namespace OmniaKey.Modules.Policies.Infrastructure.Persistence;

internal sealed class TermsAcceptanceRepository(PoliciesDbContext db, IUnitOfWork unitOfWork) : ITermsAcceptanceRepository
{
    public Task<TermsAcceptance?> FindAsync(Guid accountId, string version, CancellationToken cancellationToken) =>
        db.TermsAcceptances.AsNoTracking().FirstOrDefaultAsync(a => a.AccountId == accountId && a.Version == version, cancellationToken);

    public async Task<IReadOnlyList<TermsAcceptance>> ListForAccountAsync(Guid accountId, CancellationToken cancellationToken) =>
        await db.TermsAcceptances.AsNoTracking()
            .Where(a => a.AccountId == accountId)
            .OrderByDescending(a => a.AcceptedAt)
            .ThenByDescending(a => a.Id)
            .ToListAsync(cancellationToken);

    public async Task<TermsAcceptance> AddIfMissingAsync(TermsAcceptance acceptance, CancellationToken cancellationToken)
    {
        if (await FindAsync(acceptance.AccountId, acceptance.Version, cancellationToken) is { } first)
        {
            return first;
        }

        db.TermsAcceptances.Add(acceptance);
        try
        {
            await unitOfWork.FlushAsync(cancellationToken);
            return acceptance;
        }
        catch (DbUpdateException)
        {
            // A concurrent request (or another instance's continued-use writer) recorded it first; the first one counts.
            db.Entry(acceptance).State = EntityState.Detached;
            return await FindAsync(acceptance.AccountId, acceptance.Version, cancellationToken) ?? throw new InvalidOperationException("The acceptance vanished.");
        }
    }
}
