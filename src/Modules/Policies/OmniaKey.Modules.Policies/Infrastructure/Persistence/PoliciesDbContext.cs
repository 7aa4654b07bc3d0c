using Microsoft.EntityFrameworkCore;
using OmniaKey.Infrastructure.Persistence;
using OmniaKey.Modules.Policies.Domain.Acceptances;
using OmniaKey.Modules.Policies.Domain.Notices;
using OmniaKey.Modules.Policies.Domain.Terms;

namespace OmniaKey.Modules.Policies.Infrastructure.Persistence;

internal abstract class PoliciesDbContext(DbContextOptions options) : ModuleDbContext(options)
{
    public const string SchemaName = "policies";

    public override string Schema => SchemaName;

    public DbSet<TermsVersion> TermsVersions => Set<TermsVersion>();

    public DbSet<TermsAcceptance> TermsAcceptances => Set<TermsAcceptance>();

    public DbSet<TermsNotice> TermsNotices => Set<TermsNotice>();
}

internal sealed class SqlitePoliciesDbContext(DbContextOptions<SqlitePoliciesDbContext> options) : PoliciesDbContext(options);

internal sealed class PostgresPoliciesDbContext(DbContextOptions<PostgresPoliciesDbContext> options) : PoliciesDbContext(options);

internal sealed class SqlServerPoliciesDbContext(DbContextOptions<SqlServerPoliciesDbContext> options) : PoliciesDbContext(options);
