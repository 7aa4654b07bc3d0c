using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OmniaKey.Modules.Billing.Domain.Usage;
using OmniaKey.Modules.Billing.Infrastructure.Persistence;

namespace OmniaKey.IntegrationTests.Infrastructure;

/// <summary>Reads the usage records the app wrote, straight from its database.</summary>
public static class UsageRecords
{
    internal static async Task<IReadOnlyList<UsageRecord>> ListAsync(OmniaKeyAppFactory app, Guid accountId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BillingDbContext>();
        return await db.UsageRecords.AsNoTracking().Where(r => r.AccountId == accountId).ToListAsync();
    }
}
