using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OmniaKey.Modules.Billing.Application.Balances;
using OmniaKey.Modules.Billing.Domain.Usage;
using OmniaKey.Modules.Billing.Infrastructure.Persistence;

namespace OmniaKey.IntegrationTests.Infrastructure;

/// <summary>
/// Reads the usage records the app wrote, straight from its database, once the account's settlements queued on the
/// app have been applied: a call's response can end before its settlement commits (ADR 0019), and the app's own
/// money reads wait the same way.
/// </summary>
public static class UsageRecords
{
    internal static async Task<IReadOnlyList<UsageRecord>> ListAsync(OmniaKeyAppFactory app, Guid accountId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IPendingSettlements>().WaitForAccountAsync(accountId, CancellationToken.None);
        var db = scope.ServiceProvider.GetRequiredService<BillingDbContext>();
        return await db.UsageRecords.AsNoTracking().Where(r => r.AccountId == accountId).ToListAsync();
    }
}
