using Microsoft.Extensions.DependencyInjection;
using OmniaKey.Modules.Accounts.Application.Accounts.CreateAccount;
using OmniaKey.Modules.Billing.Application.Ledger.ListLedger;
using OmniaKey.Modules.Billing.Application.Ledger.ReconcileBalances;
using OmniaKey.Modules.Billing.Application.Usage.ListUsage;
using OmniaKey.Modules.Billing.Contracts;
using OmniaKey.Modules.Billing.Infrastructure.GroupCommit;
using OmniaKey.UnitTests.Support;
using Xunit;

namespace OmniaKey.UnitTests.Billing;

/// <summary>
/// The money reads (balance, ledger, usage, reconciliation) answer only after the account's settlements queued on this
/// instance are applied, so a customer who calls and then reads sees the charge.
/// </summary>
public sealed class ReadsAfterPendingSettlementsTests : ModuleTestBase
{
    public static TheoryData<string> Reads() => ["balance", "ledger", "usage", "reconciliation of the account", "reconciliation of all accounts"];

    [Theory]
    [MemberData(nameof(Reads))]
    public async Task A_read_waits_for_the_settlements_of_its_account_queued_before_it(string read)
    {
        var account = (await Host.SendAsync(new CreateAccountCommand("customer@example.com", "US"))).Id;
        var settlement = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        Host.Services.GetRequiredService<PendingSettlements>().Track(account, settlement.Task);

        var reading = Read(read, account);
        await Task.WhenAny(reading, Task.Delay(50));
        Assert.False(reading.IsCompleted, $"the {read} was answered while a settlement was still queued");

        settlement.SetResult(1);
        await reading.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Another_account_s_pending_settlement_does_not_hold_a_read_up()
    {
        var account = (await Host.SendAsync(new CreateAccountCommand("customer@example.com", "US"))).Id;
        Host.Services.GetRequiredService<PendingSettlements>().Track(Guid.CreateVersion7(), new TaskCompletionSource<int>().Task);

        Assert.Equal(new BalanceDto("0", "0"), await Host.QueryAsync(new GetBalanceQuery(account)).WaitAsync(TimeSpan.FromSeconds(10)));
    }

    private Task Read(string read, Guid account) => read switch
    {
        "balance" => Host.QueryAsync(new GetBalanceQuery(account)),
        "ledger" => Host.QueryAsync(new ListLedgerQuery(account, null, null)),
        "usage" => Host.QueryAsync(new ListUsageQuery(account, null, null, null, null, null, null)),
        "reconciliation of the account" => Host.QueryAsync(new ReconcileBalancesQuery(account)),
        _ => Host.QueryAsync(new ReconcileBalancesQuery(null)),
    };
}
