using System.Globalization;
using System.Text;
using OmniaKey.Modules.Billing.Application.Usage;

namespace OmniaKey.Modules.Billing.Endpoints;

/// <summary>
/// Usage as CSV (RFC 4180): a header row, CRLF line ends, fields quoted only when they hold a comma, quote or line
/// break (quotes doubled). Money is the same decimal USD string as in JSON; times are ISO 8601 in UTC.
/// </summary>
internal static class UsageCsv
{
    public const string ContentType = "text/csv; charset=utf-8";

    public const string HeaderLine =
        "id,created_at,key_id,model,provider,input_tokens,output_tokens,cache_read_tokens,cache_write_tokens," +
        "reasoning_tokens,cost_usd,charged_usd,status,usage_source,latency_ms,promotion_id,promotion_name\r\n";

    private static readonly UTF8Encoding Utf8WithoutBom = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Writes rows as they are read; the client receives the file while later batches are still being read.</summary>
    public static async Task WriteAsync(Stream body, IAsyncEnumerable<UsageItemDto> rows, CancellationToken cancellationToken)
    {
        await using var writer = new StreamWriter(body, Utf8WithoutBom, bufferSize: 16 * 1024, leaveOpen: true);
        await writer.WriteAsync(HeaderLine.AsMemory(), cancellationToken);
        var line = new StringBuilder(256);
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            line.Clear();
            AppendRow(line, row);
            await writer.WriteAsync(line, cancellationToken);
        }

        await writer.FlushAsync(cancellationToken);
    }

    /// <summary>One record as a CSV line, CRLF included.</summary>
    public static string Row(UsageItemDto row) => AppendRow(new StringBuilder(256), row).ToString();

    private static StringBuilder AppendRow(StringBuilder line, UsageItemDto row)
    {
        var invariant = CultureInfo.InvariantCulture;
        Append(line, row.Id).Append(',');
        Append(line, row.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", invariant)).Append(',');
        Append(line, row.KeyId.ToString()).Append(',');
        Append(line, row.Model).Append(',');
        Append(line, row.Provider).Append(',');
        line.Append(row.InputTokens.ToString(invariant)).Append(',');
        line.Append(row.OutputTokens.ToString(invariant)).Append(',');
        line.Append(row.CacheReadTokens.ToString(invariant)).Append(',');
        line.Append(row.CacheWriteTokens.ToString(invariant)).Append(',');
        line.Append(row.ReasoningTokens.ToString(invariant)).Append(',');
        Append(line, row.CostUsd).Append(',');
        Append(line, row.ChargedUsd).Append(',');
        Append(line, row.Status).Append(',');
        Append(line, row.UsageSource).Append(',');
        line.Append(row.LatencyMs.ToString(invariant)).Append(',');
        Append(line, row.Promotion?.Id.ToString() ?? string.Empty).Append(',');
        Append(line, row.Promotion?.Name ?? string.Empty);
        return line.Append("\r\n");
    }

    /// <summary>RFC 4180 §2.6–2.7: a field with a comma, quote or line break is quoted, and its quotes doubled.</summary>
    public static StringBuilder Append(StringBuilder line, string field)
    {
        if (field.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            return line.Append(field);
        }

        return line.Append('"').Append(field.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
    }
}
