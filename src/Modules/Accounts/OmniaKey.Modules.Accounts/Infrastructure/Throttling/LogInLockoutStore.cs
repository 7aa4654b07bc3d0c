using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using OmniaKey.Application.Exceptions;
using OmniaKey.Infrastructure.RateLimiting;
using OmniaKey.Modules.Accounts.Application.Accounts.Throttling;
using OmniaKey.Modules.Accounts.Domain.Lockouts;
using OmniaKey.Modules.Accounts.Infrastructure.Persistence;

namespace OmniaKey.Modules.Accounts.Infrastructure.Throttling;

/// <summary>
/// The log-in lock-out in the Accounts schema (<c>log_in_lockouts</c>), so that every instance counts the same
/// failures (docs/adr/0046). A failure is one atomic <c>UPDATE … SET failures = failures + 1</c> (after making sure
/// the row exists), which also takes the row's write lock until the command commits; reading the row back and
/// deciding on a lock-out under that lock is therefore exact even when two instances fail the same address at once.
/// </summary>
internal sealed class LogInLockoutStore(AccountsDbContext db, RateLimitSettings settings, TimeProvider clock) : ILogInLockouts
{
    public async Task ThrowIfLockedAsync(string email, CancellationToken cancellationToken)
    {
        var hash = Hash(email);
        var lockedUntil = await db.LogInLockouts.AsNoTracking()
            .Where(l => l.EmailHash == hash)
            .Select(l => l.LockedUntil)
            .FirstOrDefaultAsync(cancellationToken);
        var now = clock.GetUtcNow();
        if (lockedUntil is { } until && until > now)
        {
            var locked = until - now;
            throw new TooManyRequestsException(
                "login_locked",
                $"Too many failed log-ins for this e-mail address; it is locked. Try again in {TooManyRequests.RetryAfterSeconds(locked)} seconds.",
                locked);
        }
    }

    public async Task RecordFailureAsync(string email, CancellationToken cancellationToken)
    {
        var hash = Hash(email);
        var now = clock.GetUtcNow();
        if (await IncrementAsync(hash, now, cancellationToken) == 0)
        {
            await EnsureRowAsync(hash, cancellationToken);
            await IncrementAsync(hash, now, cancellationToken);
        }

        var lockout = await db.LogInLockouts.SingleAsync(l => l.EmailHash == hash, cancellationToken);
        lockout.LockIfDue(now, settings.LogInLockoutThreshold, settings.LogInLockoutWindows);
    }

    public Task ResetAsync(string email, CancellationToken cancellationToken)
    {
        var hash = Hash(email);
        return db.LogInLockouts.Where(l => l.EmailHash == hash).ExecuteDeleteAsync(cancellationToken);
    }

    /// <remarks>
    /// A failure recorded meanwhile holds the row's lock until its command commits, and sets <c>last_failure_at</c>;
    /// the delete re-checks its condition after the lock, so it never loses a count.
    /// </remarks>
    public Task<int> ForgetQuietAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken) =>
        Quiet(db.LogInLockouts, now, limit).ExecuteDeleteAsync(cancellationToken);

    /// <summary>
    /// What <see cref="ForgetQuietAsync"/> deletes: any of them, no order needed, so SQL Server's <c>DELETE TOP</c>
    /// serves as it is (its T-SQL is parsed in a test: SQL Server cannot run here).
    /// </summary>
    internal static IQueryable<LogInLockout> Quiet(IQueryable<LogInLockout> lockouts, DateTimeOffset now, int limit)
    {
        var quietSince = now - LogInLockout.QuietPeriod;
        return lockouts
            .Where(l => (l.LastFailureAt == null || l.LastFailureAt < quietSince) && (l.LockedUntil == null || l.LockedUntil <= now))
            .Take(limit);
    }

    /// <summary>The lower-case hex SHA-256 of the normalized address: the table never holds an address.</summary>
    internal static string Hash(string email) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(email)));

    /// <summary>The same rule as <see cref="LogInLockout.Fail"/>, as one statement: an hour of quiet starts over.</summary>
    private Task<int> IncrementAsync(string hash, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var quietSince = now - LogInLockout.QuietPeriod;
        return db.LogInLockouts
            .Where(l => l.EmailHash == hash)
            .ExecuteUpdateAsync(
                s => s
                    .SetProperty(l => l.Failures, l => l.LastFailureAt == null || l.LastFailureAt < quietSince ? 1 : l.Failures + 1)
                    .SetProperty(l => l.Lockouts, l => l.LastFailureAt == null || l.LastFailureAt < quietSince ? 0 : l.Lockouts)
                    .SetProperty(l => l.LastFailureAt, now),
                cancellationToken);
    }

    /// <summary>Inserts an empty row unless one exists; of two instances inserting at once, one row results.</summary>
    private Task<int> EnsureRowAsync(string hash, CancellationToken cancellationToken)
    {
        var sql = db.Database.IsSqlite() ? SqliteEnsureRowSql : db.Database.IsNpgsql() ? PostgresEnsureRowSql : SqlServerEnsureRowSql;
        return db.Database.ExecuteSqlRawAsync(sql, [hash], cancellationToken);
    }

    // {0} is the e-mail hash, passed as a parameter by ExecuteSqlRawAsync.
    internal const string SqliteEnsureRowSql =
        "INSERT INTO accounts_log_in_lockouts (email_hash, failures, lockouts) VALUES ({0}, 0, 0) ON CONFLICT DO NOTHING";

    internal const string PostgresEnsureRowSql =
        "INSERT INTO accounts.log_in_lockouts (email_hash, failures, lockouts) VALUES ({0}, 0, 0) ON CONFLICT DO NOTHING";

    internal const string SqlServerEnsureRowSql = """
        INSERT INTO accounts.log_in_lockouts (email_hash, failures, lockouts)
        SELECT {0}, 0, 0
        WHERE NOT EXISTS (SELECT 1 FROM accounts.log_in_lockouts WITH (UPDLOCK, HOLDLOCK) WHERE email_hash = {0})
        """;
}
