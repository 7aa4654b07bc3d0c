using System.Text;

namespace OmniaKey.Modules.Billing.Infrastructure.GroupCommit;

/// <summary>
/// The T-SQL of <see cref="SqlServerBatchSql"/>, one script per batch size: the batch goes into a table variable
/// through one parameterised multi-row <c>VALUES</c> (@p0, @p1, … row by row), then set-based statements apply it.
/// SQL Server allows 2,100 parameters a command, which is what <see cref="MaxRows"/> keeps every script under.
/// </summary>
internal static class SqlServerStatements
{
    public const int ReserveColumns = 6;

    /// <summary>id, account_id, held, ledger_id, description, then the usage columns but created_at (= @now).</summary>
    public static readonly int SettleColumns = 5 + UsageColumns.All.Length - 4;

    public static readonly int ProgressColumns = UsageColumns.All.Length;

    /// <summary>A reservation with its budget period, period start and the row's limit (null without a budget).</summary>
    public const int ReserveWithBudgetsColumns = ReserveColumns + 3;

    /// <summary>A settlement with its budget key, period and period start (null without a budget).</summary>
    public static readonly int SettleWithBudgetsColumns = SettleColumns + 3;

    private const int MaxParameters = 2000;

    private const string LockBalances = """
        DECLARE @locked int;
        SELECT @locked = COUNT(*) FROM billing.balances AS b WITH (UPDLOCK, HOLDLOCK, ROWLOCK)
        WHERE b.account_id IN (SELECT account_id FROM @input);
        """;

    public static int MaxRows(int columns) => MaxParameters / columns;

    /// <summary>Parameters: the rows (id, account, key, amount, model, provider), then @created_at and @expires_at.</summary>
    public static string Reserve(int rows) => $"""
        SET NOCOUNT ON;
        SET XACT_ABORT ON;
        DECLARE @input TABLE (
            id nvarchar(64) NOT NULL PRIMARY KEY, account_id uniqueidentifier NOT NULL, key_id uniqueidentifier NOT NULL,
            amount bigint NOT NULL, model nvarchar(200) NULL, provider nvarchar(32) NULL);
        INSERT INTO @input (id, account_id, key_id, amount, model, provider) VALUES {Values(rows, ReserveColumns)};
        {LockBalances}
        DECLARE @debited TABLE (account_id uniqueidentifier NOT NULL PRIMARY KEY);
        UPDATE b
        SET b.available_nano_usd = b.available_nano_usd - t.total, b.reserved_nano_usd = b.reserved_nano_usd + t.total
        OUTPUT inserted.account_id INTO @debited (account_id)
        FROM billing.balances AS b
        JOIN (SELECT account_id, SUM(amount) AS total FROM @input GROUP BY account_id) AS t ON t.account_id = b.account_id
        WHERE b.available_nano_usd >= t.total;
        INSERT INTO billing.reservations
            (id, account_id, key_id, amount_nano_usd, status, created_at, expires_at, model, provider, progress_recorded)
        SELECT i.id, i.account_id, i.key_id, i.amount, N'Held', @created_at, @expires_at, i.model, i.provider, 0
        FROM @input AS i JOIN @debited AS d ON d.account_id = i.account_id;
        SELECT account_id FROM @debited;
        """;

    /// <summary>
    /// <see cref="Reserve"/> for a batch with budgeted calls. Parameters: the rows (id, account, key, amount, model,
    /// provider, budget period, budget period start, the budget row's limit), then @created_at and @expires_at. Creates
    /// locks the balances, creates the missing budget rows and locks them, and debits an account only if its balance
    /// covers its total and every budget row it uses covers that row's total; the rows are reserved in the same
    /// transaction (a row that does not move throws, rolling everything back).
    /// </summary>
    public static string ReserveWithBudgets(int rows) => $"""
        SET NOCOUNT ON;
        SET XACT_ABORT ON;
        DECLARE @input TABLE (
            id nvarchar(64) NOT NULL PRIMARY KEY, account_id uniqueidentifier NOT NULL, key_id uniqueidentifier NOT NULL,
            amount bigint NOT NULL, model nvarchar(200) NULL, provider nvarchar(32) NULL,
            budget_period nvarchar(8) NULL, budget_period_start datetimeoffset NULL, budget_limit bigint NULL);
        INSERT INTO @input (id, account_id, key_id, amount, model, provider, budget_period, budget_period_start, budget_limit)
        VALUES {Values(rows, ReserveWithBudgetsColumns)};
        DECLARE @budgets TABLE (
            account_id uniqueidentifier NOT NULL, key_id uniqueidentifier NOT NULL, period nvarchar(8) NOT NULL,
            period_start datetimeoffset NOT NULL, total bigint NOT NULL, limit_nano_usd bigint NOT NULL,
            PRIMARY KEY (key_id, period, period_start));
        INSERT INTO @budgets (account_id, key_id, period, period_start, total, limit_nano_usd)
        SELECT account_id, key_id, budget_period, budget_period_start, SUM(amount), MIN(budget_limit)
        FROM @input WHERE budget_period IS NOT NULL
        GROUP BY account_id, key_id, budget_period, budget_period_start;
        {LockBalances}
        INSERT INTO billing.key_budgets (key_id, period, period_start, account_id, spent_nano_usd, reserved_nano_usd)
        SELECT t.key_id, t.period, t.period_start, t.account_id, 0, 0 FROM @budgets AS t
        WHERE NOT EXISTS (
            SELECT 1 FROM billing.key_budgets AS kb WITH (UPDLOCK, HOLDLOCK)
            WHERE kb.key_id = t.key_id AND kb.period = t.period AND kb.period_start = t.period_start);
        DECLARE @lockedBudgets int;
        SELECT @lockedBudgets = COUNT(*) FROM billing.key_budgets AS kb WITH (UPDLOCK, HOLDLOCK, ROWLOCK)
        JOIN @budgets AS t ON t.key_id = kb.key_id AND t.period = kb.period AND t.period_start = kb.period_start;
        DECLARE @short TABLE (account_id uniqueidentifier NOT NULL PRIMARY KEY);
        INSERT INTO @short (account_id)
        SELECT DISTINCT t.account_id FROM @budgets AS t
        LEFT JOIN billing.key_budgets AS kb ON kb.key_id = t.key_id AND kb.period = t.period AND kb.period_start = t.period_start
        WHERE kb.key_id IS NULL OR kb.spent_nano_usd + kb.reserved_nano_usd + t.total > t.limit_nano_usd;
        DECLARE @debited TABLE (account_id uniqueidentifier NOT NULL PRIMARY KEY);
        UPDATE b
        SET b.available_nano_usd = b.available_nano_usd - t.total, b.reserved_nano_usd = b.reserved_nano_usd + t.total
        OUTPUT inserted.account_id INTO @debited (account_id)
        FROM billing.balances AS b
        JOIN (SELECT account_id, SUM(amount) AS total FROM @input
              WHERE account_id NOT IN (SELECT account_id FROM @short) GROUP BY account_id) AS t ON t.account_id = b.account_id
        WHERE b.available_nano_usd >= t.total;
        UPDATE kb SET kb.reserved_nano_usd = kb.reserved_nano_usd + t.total
        FROM billing.key_budgets AS kb
        JOIN @budgets AS t ON t.key_id = kb.key_id AND t.period = kb.period AND t.period_start = kb.period_start
        JOIN @debited AS d ON d.account_id = t.account_id
        WHERE kb.spent_nano_usd + kb.reserved_nano_usd + t.total <= t.limit_nano_usd;
        IF @@ROWCOUNT <> (SELECT COUNT(*) FROM @budgets AS t JOIN @debited AS d ON d.account_id = t.account_id)
            THROW 50002, N'A reservation batch would have overrun a key budget.', 1;
        INSERT INTO billing.reservations
            (id, account_id, key_id, amount_nano_usd, status, created_at, expires_at, model, provider, progress_recorded,
             budget_period, budget_period_start)
        SELECT i.id, i.account_id, i.key_id, i.amount, N'Held', @created_at, @expires_at, i.model, i.provider, 0,
               i.budget_period, i.budget_period_start
        FROM @input AS i JOIN @debited AS d ON d.account_id = i.account_id;
        SELECT account_id FROM @debited;
        """;

    /// <summary>Parameters: the rows (<see cref="SettleColumns"/> each), then @now.</summary>
    public static string Settle(int rows) => SettleScript(rows, budgets: false);

    /// <summary>
    /// <see cref="Settle"/> for a batch with settlements of holds of keys with limits: each row ends with its budget key,
    /// period and period start (null without a budget), <see cref="SettleWithBudgetsColumns"/> each. A reservation
    /// closes only with the budget row it reserved on; each budget row releases its holds and is charged their costs;
    /// a rate-limited key's reservation counts the tokens billed instead of its estimate.
    /// </summary>
    public static string SettleWithKeyLimits(int rows) => SettleScript(rows, budgets: true);

    private static string SettleScript(int rows, bool budgets)
    {
        var usage = UsageColumns.All.Where(c => c.Name is not ("id" or "account_id" or "charged_nano_usd" or "created_at")).ToList();
        var declared = string.Join(", ", usage.Select(c => $"{c.Name} {c.SqlServerType}"));
        var names = string.Join(", ", usage.Select(c => c.Name));
        var charged = UsageColumns.All.Select(c => c.Name switch
        {
            "charged_nano_usd" => "i.cost_nano_usd",
            "created_at" => "@now",
            _ => "i." + c.Name,
        });
        var assignments = string.Join(", ", UsageColumns.All.Skip(1).Zip(charged.Skip(1), (c, value) => $"u.{c.Name} = {value}"));
        return $"""
            SET NOCOUNT ON;
            SET XACT_ABORT ON;
            DECLARE @input TABLE (
                id nvarchar(64) NOT NULL PRIMARY KEY, account_id uniqueidentifier NOT NULL, held bigint NOT NULL,
                ledger_id uniqueidentifier NULL, description nvarchar(500) NULL, {declared}{(budgets ? BudgetInputColumns : string.Empty)});
            INSERT INTO @input (id, account_id, held, ledger_id, description, {names}{(budgets ? ", budget_key, budget_period, budget_period_start" : string.Empty)})
            VALUES {Values(rows, budgets ? SettleWithBudgetsColumns : SettleColumns)};
            {LockBalances}
            DECLARE @closed TABLE (id nvarchar(64) NOT NULL PRIMARY KEY);
            UPDATE r SET r.status = N'Settled', r.closed_at = @now{(budgets ? RateTokensSet : string.Empty)}
            OUTPUT inserted.id INTO @closed (id)
            FROM billing.reservations AS r
            JOIN @input AS i ON i.id = r.id AND i.account_id = r.account_id AND i.held = r.amount_nano_usd
            WHERE r.status = N'Held' AND {(budgets ? BudgetMatch : "r.budget_period IS NULL")};
            DECLARE @movements TABLE (account_id uniqueidentifier NOT NULL PRIMARY KEY, released bigint NOT NULL, charged bigint NOT NULL);
            INSERT INTO @movements (account_id, released, charged)
            SELECT i.account_id, SUM(i.held), SUM(i.cost_nano_usd) FROM @input AS i JOIN @closed AS c ON c.id = i.id GROUP BY i.account_id;
            UPDATE b
            SET b.available_nano_usd = b.available_nano_usd + m.released - m.charged, b.reserved_nano_usd = b.reserved_nano_usd - m.released
            FROM billing.balances AS b JOIN @movements AS m ON m.account_id = b.account_id
            WHERE b.reserved_nano_usd >= m.released AND b.available_nano_usd + m.released - m.charged >= 0;
            IF @@ROWCOUNT <> (SELECT COUNT(*) FROM @movements)
                THROW 50001, N'A settlement batch would have taken a balance below zero.', 1;{(budgets ? BudgetMovements : string.Empty)}
            INSERT INTO billing.ledger_entries (id, account_id, type, amount_nano_usd, description, reference, created_at)
            SELECT i.ledger_id, i.account_id, N'Usage', -i.cost_nano_usd, i.description, i.id, @now
            FROM @input AS i JOIN @closed AS c ON c.id = i.id WHERE i.ledger_id IS NOT NULL;
            UPDATE u SET {assignments}
            FROM billing.usage_records AS u JOIN @input AS i ON i.id = u.id JOIN @closed AS c ON c.id = i.id
            WHERE u.status = N'in_progress';
            INSERT INTO billing.usage_records ({UsageColumns.List()})
            SELECT {string.Join(", ", charged)}
            FROM @input AS i JOIN @closed AS c ON c.id = i.id
            WHERE NOT EXISTS (SELECT 1 FROM billing.usage_records AS u WHERE u.id = i.id);
            SELECT id FROM @closed;
            """;
    }

    private const string RateTokensSet =
        ", r.rate_tokens = CASE WHEN r.rate_tokens IS NULL THEN NULL ELSE i.input_tokens + i.output_tokens END";

    private const string BudgetInputColumns =
        ", budget_key uniqueidentifier NULL, budget_period nvarchar(8) NULL, budget_period_start datetimeoffset NULL";

    private const string BudgetMatch = """
        ((r.budget_period IS NULL AND i.budget_period IS NULL)
                   OR (r.budget_period = i.budget_period AND r.budget_period_start = i.budget_period_start AND r.key_id = i.budget_key))
        """;

    private const string BudgetMovements = """

            DECLARE @budgetMovements TABLE (
                key_id uniqueidentifier NOT NULL, period nvarchar(8) NOT NULL, period_start datetimeoffset NOT NULL,
                released bigint NOT NULL, charged bigint NOT NULL, PRIMARY KEY (key_id, period, period_start));
            INSERT INTO @budgetMovements (key_id, period, period_start, released, charged)
            SELECT i.budget_key, i.budget_period, i.budget_period_start, SUM(i.held), SUM(i.cost_nano_usd)
            FROM @input AS i JOIN @closed AS c ON c.id = i.id WHERE i.budget_period IS NOT NULL
            GROUP BY i.budget_key, i.budget_period, i.budget_period_start;
            UPDATE kb
            SET kb.reserved_nano_usd = kb.reserved_nano_usd - m.released, kb.spent_nano_usd = kb.spent_nano_usd + m.charged
            FROM billing.key_budgets AS kb
            JOIN @budgetMovements AS m ON m.key_id = kb.key_id AND m.period = kb.period AND m.period_start = kb.period_start
            WHERE kb.reserved_nano_usd >= m.released;
            IF @@ROWCOUNT <> (SELECT COUNT(*) FROM @budgetMovements)
                THROW 50003, N'A settlement batch would have released more than a key budget holds.', 1;
        """;

    /// <summary>Parameters: the in-progress usage records, <see cref="ProgressColumns"/> each.</summary>
    public static string Progress(int rows)
    {
        var declared = string.Join(", ", UsageColumns.All.Select(c => $"{c.Name} {c.SqlServerType}"));
        return $"""
            SET NOCOUNT ON;
            SET XACT_ABORT ON;
            DECLARE @input TABLE ({declared}, PRIMARY KEY (id));
            INSERT INTO @input ({UsageColumns.List()}) VALUES {Values(rows, ProgressColumns)};
            DECLARE @marked TABLE (id nvarchar(64) NOT NULL PRIMARY KEY);
            UPDATE r SET r.progress_recorded = 1
            OUTPUT inserted.id INTO @marked (id)
            FROM billing.reservations AS r JOIN @input AS i ON i.id = r.id
            WHERE r.status = N'Held';
            UPDATE u SET {UsageColumns.Assignments("u.", "i")}
            FROM billing.usage_records AS u JOIN @input AS i ON i.id = u.id JOIN @marked AS m ON m.id = i.id
            WHERE u.status = N'in_progress';
            INSERT INTO billing.usage_records ({UsageColumns.List()})
            SELECT {UsageColumns.List("i.")}
            FROM @input AS i JOIN @marked AS m ON m.id = i.id
            WHERE NOT EXISTS (SELECT 1 FROM billing.usage_records AS u WHERE u.id = i.id);
            SELECT id FROM @marked;
            """;
    }

    /// <summary><c>(@p0, @p1, …), (…)</c>: <paramref name="rows"/> rows of <paramref name="columns"/> parameters.</summary>
    private static string Values(int rows, int columns)
    {
        var text = new StringBuilder();
        for (var row = 0; row < rows; row++)
        {
            text.Append(row == 0 ? "(" : ", (");
            for (var column = 0; column < columns; column++)
            {
                text.Append(column == 0 ? "@p" : ", @p").Append((row * columns) + column);
            }

            text.Append(')');
        }

        return text.ToString();
    }
}
