using OmniaKey.Application.Messaging;
using OmniaKey.Modules.Billing.Application.Usage;
using OmniaKey.Modules.Billing.Application.Usage.DailySpend;
using OmniaKey.Modules.Billing.Application.Usage.ListUsage;
using OmniaKey.Modules.Billing.Contracts;
using OmniaKey.WebConsole;

namespace OmniaKey.Modules.Billing.Pages;

/// <summary>
/// <c>/dashboard</c>, the landing page after log-in: the balance (as <c>GET /api/v1/balance</c>), what was spent on
/// each of the last 30 UTC days (today included) and the last calls (as <c>GET /api/v1/usage</c>), with the keys'
/// names from the Keys module's contract.
/// </summary>
internal sealed class OverviewModel(IDispatcher dispatcher, TimeProvider clock) : ConsolePageModel
{
    public const int ChartDays = 30;
    public const int RecentCalls = 10;

    public BalanceDto Balance { get; private set; } = new("0", "0");

    public SpendChart Chart { get; private set; } = new([]);

    public IReadOnlyList<UsageItemDto> Recent { get; private set; } = [];

    public UsageKeyNames Keys { get; private set; } = UsageKeyNames.None;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        await TryAsync(async () =>
        {
            Balance = await dispatcher.Query(new GetBalanceQuery(AccountId), cancellationToken);
            Chart = new SpendChart(await dispatcher.Query(new GetDailySpendQuery(AccountId, today.AddDays(1 - ChartDays), ChartDays), cancellationToken));
            Recent = (await dispatcher.Query(new ListUsageQuery(AccountId, RecentCalls, null, null, null, null, null), cancellationToken)).Data;
            Keys = await UsageKeyNames.LoadAsync(dispatcher, AccountId, cancellationToken);
        });
    }
}
