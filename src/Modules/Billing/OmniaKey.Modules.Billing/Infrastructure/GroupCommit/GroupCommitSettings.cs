using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace OmniaKey.Modules.Billing.Infrastructure.GroupCommit;

/// <summary>
/// The most operations one batch applies: <c>Billing:GroupCommit:MaxBatchSize</c> (default 256). A provider may
/// apply fewer per batch (SQL Server's 2,100-parameter limit); what does not fit waits for the next batch.
/// </summary>
internal sealed record GroupCommitSettings(int MaxBatchSize)
{
    public const int DefaultMaxBatchSize = 256;

    public static GroupCommitSettings FromConfiguration(IConfiguration configuration)
    {
        var text = configuration["Billing:GroupCommit:MaxBatchSize"];
        if (string.IsNullOrWhiteSpace(text))
        {
            return new GroupCommitSettings(DefaultMaxBatchSize);
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var size) && size is > 0 and <= 10_000
            ? new GroupCommitSettings(size)
            : throw new InvalidOperationException($"Billing:GroupCommit:MaxBatchSize '{text}' is not a number from 1 to 10000.");
    }
}
