using Microsoft.EntityFrameworkCore;
using OmniaKey.Infrastructure.Persistence;
using OmniaKey.Modules.Accounts.Domain.Accounts;
using OmniaKey.Modules.Accounts.Domain.Sessions;
using OmniaKey.Modules.Accounts.Domain.Tokens;

namespace OmniaKey.Modules.Accounts.Infrastructure.Persistence;

internal abstract class AccountsDbContext(DbContextOptions options) : ModuleDbContext(options)
{
    public const string SchemaName = "accounts";

    public override string Schema => SchemaName;

    public DbSet<Account> Accounts => Set<Account>();

    public DbSet<AccountToken> AccountTokens => Set<AccountToken>();

    public DbSet<RevokedSession> RevokedSessions => Set<RevokedSession>();
}

internal sealed class SqliteAccountsDbContext(DbContextOptions<SqliteAccountsDbContext> options) : AccountsDbContext(options);

internal sealed class PostgresAccountsDbContext(DbContextOptions<PostgresAccountsDbContext> options) : AccountsDbContext(options);

internal sealed class SqlServerAccountsDbContext(DbContextOptions<SqlServerAccountsDbContext> options) : AccountsDbContext(options);
