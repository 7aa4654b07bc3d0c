using System.Reflection;
using Microsoft.EntityFrameworkCore;
using OmniaKey.Infrastructure.Persistence;
using OmniaKey.Modules.Policies.Domain.Terms;

namespace OmniaKey.Modules.Policies.Infrastructure.Persistence;

/// <summary>A new database starts with the Terms in force at launch, so that sign-up works out of the box.</summary>
internal sealed class TermsSeeder(PoliciesDbContext db, TimeProvider clock) : IDataSeeder
{
    public const string InitialVersion = "2026-05-30";

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        if (await db.TermsVersions.AnyAsync(t => t.Version == InitialVersion, cancellationToken))
        {
            return;
        }

        var effectiveAt = new DateTimeOffset(2026, 5, 30, 0, 0, 0, TimeSpan.Zero);
        db.TermsVersions.Add(new TermsVersion(InitialVersion, effectiveAt, clock.GetUtcNow(), await ReadSeedTextAsync()));
        await db.SaveChangesAsync(cancellationToken);
    }

    private static async Task<string> ReadSeedTextAsync()
    {
        await using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("OmniaKey.Modules.Policies.terms-of-service.txt")
            ?? throw new InvalidOperationException("The embedded Terms of Service are missing.");
        using var reader = new StreamReader(stream);
        return await reader.ReadToEndAsync();
    }
}
