namespace OmniaKey.Modules.Billing.Infrastructure.GroupCommit;

/// <summary>
/// The set-based statements of <see cref="PostgresBatchSql"/>. Each is a single statement whose data-modifying CTEs
/// all run (PostgreSQL executes every data-modifying CTE exactly once, read or not) against one snapshot.
/// </summary>
internal static class PostgresStatements
{
    /// <summary>
    /// $1..$6: the reservations' id, account, key, amount, model, provider; $7, $8: created and expiry time. Each
    /// account's total is one conditional debit; only the reservations of debited accounts are inserted.
    /// </summary>
    public const string Reserve = """
        WITH input AS (
            SELECT * FROM unnest($1::text[], $2::uuid[], $3::uuid[], $4::bigint[], $5::text[], $6::text[])
                AS t(id, account_id, key_id, amount, model, provider)
        ),
        totals AS (
            SELECT account_id, SUM(amount)::bigint AS total FROM input GROUP BY account_id
        ),
        debited AS (
            UPDATE billing.balances AS b
            SET available_nano_usd = b.available_nano_usd - t.total, reserved_nano_usd = b.reserved_nano_usd + t.total
            FROM totals AS t
            WHERE b.account_id = t.account_id AND b.available_nano_usd >= t.total
            RETURNING b.account_id
        ),
        held AS (
            INSERT INTO billing.reservations
                (id, account_id, key_id, amount_nano_usd, status, created_at, expires_at, model, provider, progress_recorded)
            SELECT i.id, i.account_id, i.key_id, i.amount, 'Held', $7, $8, i.model, i.provider, false
            FROM input AS i JOIN debited AS d ON d.account_id = i.account_id
        )
        SELECT account_id FROM debited
        """;

    /// <summary>
    /// $1: each settlement's hold; $2, $3: its ledger entry's id and description (null when nothing is charged);
    /// $4: now; $5..$26: its usage record, column by column (<see cref="UsageColumns"/>). Closes the still-held
    /// reservations, moves each account's money in one update, writes the ledger entries and the usage records (an
    /// in-progress record is replaced). The last column divides by zero — aborting the whole transaction — if a
    /// balance update did not apply, which the guards make impossible short of a broken invariant.
    /// </summary>
    public static readonly string Settle = $"""
        WITH input AS (
            SELECT * FROM unnest($1::bigint[], $2::uuid[], $3::text[], {UsageUnnest(5)})
                AS t(held, ledger_id, description, {UsageColumns.List()})
        ),
        closed AS (
            UPDATE billing.reservations AS r
            SET status = 'Settled', closed_at = $4
            FROM input AS i
            WHERE r.id = i.id AND r.account_id = i.account_id AND r.amount_nano_usd = i.held AND r.status = 'Held'
              AND r.budget_period IS NULL
            RETURNING r.id
        ),
        settled AS (
            SELECT i.* FROM input AS i JOIN closed AS c ON c.id = i.id
        ),
        movements AS (
            SELECT account_id, SUM(held)::bigint AS released, SUM(cost_nano_usd)::bigint AS charged
            FROM settled GROUP BY account_id
        ),
        moved AS (
            UPDATE billing.balances AS b
            SET available_nano_usd = b.available_nano_usd + m.released - m.charged,
                reserved_nano_usd = b.reserved_nano_usd - m.released
            FROM movements AS m
            WHERE b.account_id = m.account_id
              AND b.reserved_nano_usd >= m.released
              AND b.available_nano_usd + m.released - m.charged >= 0
            RETURNING b.account_id
        ),
        charged AS (
            INSERT INTO billing.ledger_entries (id, account_id, type, amount_nano_usd, description, reference, created_at)
            SELECT s.ledger_id, s.account_id, 'Usage', -s.cost_nano_usd, s.description, s.id, $4
            FROM settled AS s WHERE s.ledger_id IS NOT NULL
        ),
        recorded AS (
            INSERT INTO billing.usage_records AS u ({UsageColumns.List()})
            SELECT {UsageColumns.List("s.")} FROM settled AS s
            ON CONFLICT (id) DO UPDATE SET {UsageColumns.Assignments(string.Empty, "excluded")}
            WHERE u.status = 'in_progress'
        )
        SELECT c.id, 1 / (CASE WHEN (SELECT COUNT(*) FROM moved) = (SELECT COUNT(*) FROM movements) THEN 1 ELSE 0 END)
        FROM closed AS c
        """;

    /// <summary>
    /// $1..$22: the in-progress usage records, column by column. Marks the still-held reservations and upserts their
    /// records; a reservation already closed is left alone, as is its record.
    /// </summary>
    public static readonly string Progress = $"""
        WITH input AS (
            SELECT * FROM unnest({UsageUnnest(1)}) AS t({UsageColumns.List()})
        ),
        marked AS (
            UPDATE billing.reservations AS r
            SET progress_recorded = true
            FROM input AS i
            WHERE r.id = i.id AND r.status = 'Held'
            RETURNING r.id
        ),
        recorded AS (
            INSERT INTO billing.usage_records AS u ({UsageColumns.List()})
            SELECT {UsageColumns.List("i.")} FROM input AS i JOIN marked AS m ON m.id = i.id
            ON CONFLICT (id) DO UPDATE SET {UsageColumns.Assignments(string.Empty, "excluded")}
            WHERE u.status = 'in_progress'
        )
        SELECT id FROM marked
        """;

    /// <summary><c>$n::text[], $n+1::uuid[], …</c>: one typed array parameter per usage column.</summary>
    private static string UsageUnnest(int first) =>
        string.Join(", ", UsageColumns.All.Select((c, i) => $"${first + i}::{c.PostgresType}[]"));
}
