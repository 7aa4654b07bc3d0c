using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using OmniaKey.Modules.Billing.Domain.Usage;

namespace OmniaKey.Modules.Billing.Infrastructure.Usage;

/// <summary>
/// One aggregate over an account's usage records, bucketed by consecutive time boundaries (the console's spend per
/// UTC day). Raw SQL because the amount maps to Money, which LINQ cannot sum, and SQLite stores times as converted
/// integers that no date function reads. The bucket is a CASE over the boundaries, which every provider runs the
/// same way: plain comparisons of the time column with parameters converted as the column is (so the range filter
/// is the index's, as the usage list's is). Names come from the model, as <see cref="UsageRepository.ChargedByKeySql"/>;
/// the SQL Server form is parsed in a test.
/// </summary>
internal static class SpendPerPeriodSql
{
    /// <summary>
    /// Parameter {0} is the account, {1}…{periods + 1} the boundaries in ascending order (converted with
    /// <see cref="ToStoreValue"/>). Columns: <c>Period</c> (0-based), <c>NanoUsd</c>, <c>Calls</c>.
    /// </summary>
    public static string Build(IModel model, int periods)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(periods);
        var (entity, table) = UsageTable(model);
        string Column(string property) => entity.FindProperty(property)!.GetColumnName(table)!;
        var from = table.Schema is null ? $"\"{table.Name}\"" : $"\"{table.Schema}\".\"{table.Name}\"";
        var createdAt = $"\"{Column(nameof(UsageRecord.CreatedAt))}\"";

        // Boundary k is parameter {k + 1}; period i is [boundary i, boundary i + 1).
        var bucket = new StringBuilder("CASE");
        for (var i = 0; i < periods - 1; i++)
        {
            bucket.Append(CultureInfo.InvariantCulture, $" WHEN {createdAt} < {{{i + 2}}} THEN {i}");
        }

        bucket.Append(CultureInfo.InvariantCulture, $" ELSE {periods - 1} END");
        var period = periods == 1 ? "0" : bucket.ToString(); // a CASE needs at least one WHEN
        return "SELECT \"Period\", CAST(SUM(\"Charged\") AS BIGINT) AS \"NanoUsd\", CAST(COUNT(*) AS BIGINT) AS \"Calls\" "
            + $"FROM (SELECT {period} AS \"Period\", \"{Column(nameof(UsageRecord.Charged))}\" AS \"Charged\" "
            + $"FROM {from} WHERE \"{Column(nameof(UsageRecord.AccountId))}\" = {{0}} "
            + $"AND {createdAt} >= {{1}} AND {createdAt} < {{{periods + 1}}}) AS \"spend\" "
            + "GROUP BY \"Period\"";
    }

    /// <summary>A time as the provider stores <see cref="UsageRecord.CreatedAt"/> (on SQLite: the converted integer).</summary>
    public static object ToStoreValue(IModel model, DateTimeOffset time)
    {
        var (entity, _) = UsageTable(model);
        var converter = entity.FindProperty(nameof(UsageRecord.CreatedAt))!.GetTypeMapping().Converter;
        return converter?.ConvertToProvider(time) ?? time;
    }

    private static (IEntityType Entity, StoreObjectIdentifier Table) UsageTable(IModel model)
    {
        var entity = model.FindEntityType(typeof(UsageRecord)) ?? throw new InvalidOperationException("UsageRecord is not mapped.");
        return (entity, StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema()));
    }
}
