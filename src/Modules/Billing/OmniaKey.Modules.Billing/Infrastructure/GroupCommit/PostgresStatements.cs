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
    /// A batch with budgeted calls, after locking its balances and before <see cref="ReserveWithKeyLimits"/>: creates the
    /// budget rows the batch needs ($1..$4: key, period, period start, account), in a statement of its own so that the
    /// next ones see them.
    /// </summary>
    public const string EnsureBudgets = """
        INSERT INTO billing.key_budgets (key_id, period, period_start, account_id, spent_nano_usd, reserved_nano_usd)
        SELECT t.key_id, t.period, t.period_start, t.account_id, 0, 0
        FROM unnest($1::uuid[], $2::text[], $3::timestamptz[], $4::uuid[]) AS t(key_id, period, period_start, account_id)
        ON CONFLICT DO NOTHING
        """;

    /// <summary>Locks the batch's budget rows in key order ($1..$3: key, period, period start), after its balances.</summary>
    public const string LockBudgets = """
        SELECT kb.key_id FROM billing.key_budgets AS kb
        JOIN unnest($1::uuid[], $2::text[], $3::timestamptz[]) AS t(key_id, period, period_start)
          ON kb.key_id = t.key_id AND kb.period = t.period AND kb.period_start = t.period_start
        ORDER BY kb.key_id, kb.period, kb.period_start
        FOR UPDATE OF kb
        """;

    /// <summary>
    /// <see cref="Reserve"/> for a batch with key limits. $1..$6 as there; $7, $8: each reservation's budget period and
    /// period start (null without a budget); $9: the tokens it counts (null for a key without rate limits); $10..$12:
    /// its key's requests per minute, tokens per minute and calls in flight limits (null: none); $13, $14: created and
    /// expiry time; $15..$18: each budget row's key, period, period start and limit; $19: the start of the rate window.
    /// The balances and budget rows are locked by the batch's earlier statements, so this statement's snapshot reads
    /// their latest values, and every hold of a key locks its account's balance first, so the key's reservations cannot
    /// change under it. First, each rate-limited key's calls are admitted in queue order while the key's requests,
    /// tokens and calls in flight (its reservations of the last minute, and still held) plus those admitted before them
    /// stay within its limits; the others are refused (<c>refused</c> rows, not inserted). Then an account is debited
    /// only if its balance covers its admitted calls and every budget row they use covers that row's total; its budget
    /// rows are reserved in the same statement. The guard divides by zero — aborting the transaction — if a budget row
    /// of a debited account did not move.
    /// </summary>
    public const string ReserveWithKeyLimits = """
        WITH input AS (
            SELECT * FROM unnest($1::text[], $2::uuid[], $3::uuid[], $4::bigint[], $5::text[], $6::text[], $7::text[], $8::timestamptz[],
                                 $9::bigint[], $10::bigint[], $11::bigint[], $12::bigint[]) WITH ORDINALITY
                AS t(id, account_id, key_id, amount, model, provider, budget_period, budget_period_start,
                     rate_tokens, rpm, tpm, concurrency, ord)
        ),
        rated AS (
            SELECT id, key_id, rpm, tpm, concurrency,
                   row_number() OVER w AS n, SUM(COALESCE(rate_tokens, 0)) OVER w AS running_tokens
            FROM input WHERE rpm IS NOT NULL OR tpm IS NOT NULL OR concurrency IS NOT NULL
            WINDOW w AS (PARTITION BY key_id ORDER BY ord ROWS UNBOUNDED PRECEDING)
        ),
        key_counts AS (
            SELECT k.key_id,
                   (SELECT COUNT(*) FROM billing.reservations AS r WHERE r.key_id = k.key_id AND r.created_at > $19) AS requests,
                   (SELECT COALESCE(SUM(r.rate_tokens), 0) FROM billing.reservations AS r
                    WHERE r.key_id = k.key_id AND r.created_at > $19) AS tokens,
                   (SELECT COUNT(*) FROM billing.reservations AS r
                    WHERE r.key_id = k.key_id AND r.status = 'Held' AND r.expires_at > $13) AS in_flight
            FROM (SELECT DISTINCT key_id FROM rated) AS k
        ),
        refused AS (
            SELECT q.id FROM rated AS q JOIN key_counts AS c ON c.key_id = q.key_id
            WHERE (q.concurrency IS NOT NULL AND c.in_flight + q.n > q.concurrency)
               OR (q.rpm IS NOT NULL AND c.requests + q.n > q.rpm)
               OR (q.tpm IS NOT NULL AND c.tokens + q.running_tokens > q.tpm)
        ),
        admitted AS (
            SELECT * FROM input WHERE id NOT IN (SELECT id FROM refused)
        ),
        limits AS (
            SELECT * FROM unnest($15::uuid[], $16::text[], $17::timestamptz[], $18::bigint[]) AS l(key_id, period, period_start, limit_nano_usd)
        ),
        budget_totals AS (
            SELECT account_id, key_id, budget_period, budget_period_start, SUM(amount)::bigint AS total
            FROM admitted WHERE budget_period IS NOT NULL
            GROUP BY account_id, key_id, budget_period, budget_period_start
        ),
        short_accounts AS (
            SELECT bt.account_id FROM budget_totals AS bt
            LEFT JOIN limits AS l ON l.key_id = bt.key_id AND l.period = bt.budget_period AND l.period_start = bt.budget_period_start
            LEFT JOIN billing.key_budgets AS kb
              ON kb.key_id = bt.key_id AND kb.period = bt.budget_period AND kb.period_start = bt.budget_period_start
            WHERE l.key_id IS NULL OR kb.key_id IS NULL OR kb.spent_nano_usd + kb.reserved_nano_usd + bt.total > l.limit_nano_usd
        ),
        totals AS (
            SELECT account_id, SUM(amount)::bigint AS total FROM admitted
            WHERE account_id NOT IN (SELECT account_id FROM short_accounts)
            GROUP BY account_id
        ),
        debited AS (
            UPDATE billing.balances AS b
            SET available_nano_usd = b.available_nano_usd - t.total, reserved_nano_usd = b.reserved_nano_usd + t.total
            FROM totals AS t
            WHERE b.account_id = t.account_id AND b.available_nano_usd >= t.total
            RETURNING b.account_id
        ),
        budgeted AS (
            UPDATE billing.key_budgets AS kb
            SET reserved_nano_usd = kb.reserved_nano_usd + bt.total
            FROM budget_totals AS bt JOIN debited AS d ON d.account_id = bt.account_id
            WHERE kb.key_id = bt.key_id AND kb.period = bt.budget_period AND kb.period_start = bt.budget_period_start
            RETURNING kb.key_id
        ),
        held AS (
            INSERT INTO billing.reservations
                (id, account_id, key_id, amount_nano_usd, status, created_at, expires_at, model, provider, progress_recorded,
                 budget_period, budget_period_start, rate_tokens)
            SELECT i.id, i.account_id, i.key_id, i.amount, 'Held', $13, $14, i.model, i.provider, false,
                   i.budget_period, i.budget_period_start, i.rate_tokens
            FROM admitted AS i JOIN debited AS d ON d.account_id = i.account_id
        )
        SELECT 'debited' AS outcome, d.account_id::text AS item,
               1 / (CASE WHEN (SELECT COUNT(*) FROM budgeted)
                            = (SELECT COUNT(*) FROM budget_totals AS bt JOIN debited AS x ON x.account_id = bt.account_id)
                         THEN 1 ELSE 0 END) AS guard
        FROM debited AS d
        UNION ALL
        SELECT 'refused', f.id, 1 FROM refused AS f
        """;

    /// <summary>
    /// $1: each settlement's hold; $2, $3: its ledger entry's id and description (null when nothing is charged);
    /// $4: now; $5..$26: its usage record, column by column (<see cref="UsageColumns"/>). Closes the still-held
    /// reservations, moves each account's money in one update, writes the ledger entries and the usage records (an
    /// in-progress record is replaced). The last column divides by zero — aborting the whole transaction — if a
    /// balance update did not apply, which the guards make impossible short of a broken invariant.
    /// </summary>
    public static readonly string Settle = SettleText(budgets: false);

    /// <summary>
    /// <see cref="Settle"/> for a batch with settlements of holds of keys with limits: three more arrays after the usage
    /// columns (budget key, period, period start; null without a budget). A reservation closes only with the budget row
    /// it reserved on; each row releases its holds and is charged its costs (at most the holds) in the same statement;
    /// a rate-limited key's reservation counts the tokens billed instead of its estimate.
    /// </summary>
    public static readonly string SettleWithKeyLimits = SettleText(budgets: true);

    /// <summary>
    /// <see cref="Settle"/> for calls that held from balance leases (docs/adr/0048-balance-leases.md): one more array
    /// after the usage columns, each settlement's lease. Instead of closing a reservation of the call's own, each lease
    /// row gives up its settlements' holds in one update, only if it is still held and holds that much; the money then
    /// moves as for any hold. Returns the leases drawn on.
    /// </summary>
    public static readonly string SettleFromLeases = SettleText(budgets: false, fromLeases: true);

    /// <summary>The three budget arrays that follow the usage columns (<c>$27..$29</c> today).</summary>
    private static string BudgetUnnest() =>
        $", ${5 + UsageColumns.All.Length}::uuid[], ${6 + UsageColumns.All.Length}::text[], ${7 + UsageColumns.All.Length}::timestamptz[]";

    private const string BudgetMatch = """
        AND r.budget_period IS NOT DISTINCT FROM i.budget_period
                      AND r.budget_period_start IS NOT DISTINCT FROM i.budget_period_start
                      AND (i.budget_period IS NULL OR r.key_id = i.budget_key)
        """;

    private const string BudgetMovements = """

                budget_movements AS (
                    SELECT budget_key, budget_period, budget_period_start, SUM(held)::bigint AS released, SUM(cost_nano_usd)::bigint AS charged
                    FROM settled WHERE budget_period IS NOT NULL
                    GROUP BY budget_key, budget_period, budget_period_start
                ),
                budget_moved AS (
                    UPDATE billing.key_budgets AS kb
                    SET reserved_nano_usd = kb.reserved_nano_usd - m.released, spent_nano_usd = kb.spent_nano_usd + m.charged
                    FROM budget_movements AS m
                    WHERE kb.key_id = m.budget_key AND kb.period = m.budget_period AND kb.period_start = m.budget_period_start
                      AND kb.reserved_nano_usd >= m.released
                    RETURNING kb.key_id
                ),
        """;

    /// <summary>A rate-limited key's reservation counts the tokens billed from now on (null stays null).</summary>
    private const string RateTokensSet =
        ", rate_tokens = CASE WHEN r.rate_tokens IS NULL THEN NULL ELSE i.input_tokens + i.output_tokens END";

    private const string BudgetGuard = " AND (SELECT COUNT(*) FROM budget_moved) = (SELECT COUNT(*) FROM budget_movements)";

    /// <summary>Closes each settlement's own still-held reservation (matching id, account, amount and budget row).</summary>
    private static string OwnReservations(bool budgets) => $"""
        closed AS (
            UPDATE billing.reservations AS r
            SET status = 'Settled', closed_at = $4{(budgets ? RateTokensSet : string.Empty)}
            FROM input AS i
            WHERE r.id = i.id AND r.account_id = i.account_id AND r.amount_nano_usd = i.held AND r.status = 'Held'
              {(budgets ? BudgetMatch : "AND r.budget_period IS NULL")}
            RETURNING r.id
        ),
        settled AS (
            SELECT i.* FROM input AS i JOIN closed AS c ON c.id = i.id
        ),

        """;

    /// <summary>Draws each lease's settlements' holds from its row, in place of closing reservations of their own.</summary>
    private const string DrawLeases = """
        draws AS (
            SELECT lease_id, account_id, SUM(held)::bigint AS drawn FROM input GROUP BY lease_id, account_id
        ),
        closed AS (
            UPDATE billing.reservations AS r
            SET amount_nano_usd = r.amount_nano_usd - d.drawn
            FROM draws AS d
            WHERE r.id = d.lease_id AND r.account_id = d.account_id AND r.status = 'Held' AND r.amount_nano_usd >= d.drawn
            RETURNING r.id
        ),
        settled AS (
            SELECT i.* FROM input AS i JOIN closed AS c ON c.id = i.lease_id
        ),

        """;

    private static string SettleText(bool budgets, bool fromLeases = false) => $"""
        WITH input AS (
            SELECT * FROM unnest($1::bigint[], $2::uuid[], $3::text[], {UsageUnnest(5)}{(budgets ? BudgetUnnest() : string.Empty)}{(fromLeases ? LeaseUnnest() : string.Empty)})
                AS t(held, ledger_id, description, {UsageColumns.List()}{(budgets ? ", budget_key, budget_period, budget_period_start" : string.Empty)}{(fromLeases ? ", lease_id" : string.Empty)})
        ),
        {(fromLeases ? DrawLeases : OwnReservations(budgets))}movements AS (
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
        ),{(budgets ? BudgetMovements : string.Empty)}
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
        SELECT c.id, 1 / (CASE WHEN (SELECT COUNT(*) FROM moved) = (SELECT COUNT(*) FROM movements){(budgets ? BudgetGuard : string.Empty)} THEN 1 ELSE 0 END)
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

    /// <summary>The lease array that follows the usage columns (<c>$27</c> today).</summary>
    private static string LeaseUnnest() => $", ${5 + UsageColumns.All.Length}::text[]";

    /// <summary><c>$n::text[], $n+1::uuid[], …</c>: one typed array parameter per usage column.</summary>
    private static string UsageUnnest(int first) =>
        string.Join(", ", UsageColumns.All.Select((c, i) => $"${first + i}::{c.PostgresType}[]"));
}
