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

    /// <summary>Parameters: the rows (<see cref="SettleColumns"/> each), then @now.</summary>
    public static string Settle(int rows)
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
                ledger_id uniqueidentifier NULL, description nvarchar(500) NULL, {declared});
            INSERT INTO @input (id, account_id, held, ledger_id, description, {names}) VALUES {Values(rows, SettleColumns)};
            {LockBalances}
            DECLARE @closed TABLE (id nvarchar(64) NOT NULL PRIMARY KEY);
            UPDATE r SET r.status = N'Settled', r.closed_at = @now
            OUTPUT inserted.id INTO @closed (id)
            FROM billing.reservations AS r
            JOIN @input AS i ON i.id = r.id AND i.account_id = r.account_id AND i.held = r.amount_nano_usd
            WHERE r.status = N'Held' AND r.budget_period IS NULL;
            DECLARE @movements TABLE (account_id uniqueidentifier NOT NULL PRIMARY KEY, released bigint NOT NULL, charged bigint NOT NULL);
            INSERT INTO @movements (account_id, released, charged)
            SELECT i.account_id, SUM(i.held), SUM(i.cost_nano_usd) FROM @input AS i JOIN @closed AS c ON c.id = i.id GROUP BY i.account_id;
            UPDATE b
            SET b.available_nano_usd = b.available_nano_usd + m.released - m.charged, b.reserved_nano_usd = b.reserved_nano_usd - m.released
            FROM billing.balances AS b JOIN @movements AS m ON m.account_id = b.account_id
            WHERE b.reserved_nano_usd >= m.released AND b.available_nano_usd + m.released - m.charged >= 0;
            IF @@ROWCOUNT <> (SELECT COUNT(*) FROM @movements)
                THROW 50001, N'A settlement batch would have taken a balance below zero.', 1;
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
