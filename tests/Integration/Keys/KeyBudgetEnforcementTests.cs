using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OmniaKey.Domain.Money;
using OmniaKey.IntegrationTests.Infrastructure;
using OmniaKey.Modules.Billing.Infrastructure.Persistence;
using Xunit;

namespace OmniaKey.IntegrationTests.Keys;

/// <summary>
/// Key budgets on <c>/v1</c> (docs/adr/0033-key-budgets.md): parallel calls never overrun the budget, a refused call
/// is a 402 <c>key_spend_limit_reached</c> that holds nothing and never reaches the upstream, and a changed limit
/// applies to the next call.
/// </summary>
public abstract class KeyBudgetEnforcementTests<TFixture>(TFixture fixture) : KeyLimitsTestBase<TFixture>(fixture)
    where TFixture : KeyLimitsFixture
{
    [Fact]
    public async Task Fifty_parallel_calls_against_a_key_budget_covering_ten_serve_exactly_ten_and_never_overrun_it()
    {
        await Admin.CreditAsync(AccountId, "10");
        // One call under a generous monthly budget tells what one call holds and costs: a budgeted call holds on its
        // own reservation (a plain key's call would hold from the account's balance lease on PostgreSQL), and its
        // spend stays on the month's row, not the day's that is tested below.
        var created = await CreateKeyAsync(new JsonObject { ["name"] = "budgeted", ["spend_limit_usd"] = "5", ["spend_limit_period"] = "month" });
        var id = created["id"]!.GetValue<string>();
        using var api = V1(created["key"]!.GetValue<string>());

        using (var probe = await ChatAsync(api))
        {
            await probe.AssertStatusAsync(HttpStatusCode.OK);
        }

        var hold = await ReadBillingAsync(db => db.Reservations.Where(r => r.AccountId == AccountId).Select(r => r.Amount).SingleAsync());
        var (availableText, _) = await Customer.GetBalanceAsync();
        var cost = Money.Parse("10") - Money.Parse(availableText);
        Assert.True(cost.IsPositive && cost < hold, $"cost {cost}, hold {hold}");

        // The budget covers exactly ten holds; the change applies to the next call.
        var limit = Money.FromNanoUsd(hold.NanoUsd * 10);
        using (var patch = await PatchKeyAsync(id, new JsonObject { ["spend_limit_usd"] = limit.ToString(), ["spend_limit_period"] = "day" }))
        {
            await patch.AssertStatusAsync(HttpStatusCode.OK);
        }

        // Every admitted call waits at the upstream until all fifty were decided, so none gives its hold back early.
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        for (var i = 0; i < 50; i++)
        {
            Fixture.Upstream.Enqueue(new FakeBehavior { AnswerWhen = gate.Task });
        }

        var upstreamBefore = Fixture.Upstream.ChatRequests.Count;
        var calls = Enumerable.Range(0, 50).Select(_ => Task.Run(() => ChatAsync(api))).ToList();
        await WaitUntilAsync(
            () => Task.FromResult(calls.Count(c => c.IsCompleted) == 40 && Fixture.Upstream.ChatRequests.Count - upstreamBefore == 10),
            "forty calls answered and ten at the upstream");
        foreach (var call in calls.Where(c => c.IsCompleted))
        {
            using var refused = await call;
            await AssertGatewayErrorAsync(refused, HttpStatusCode.PaymentRequired, "insufficient_quota", "key_spend_limit_reached");
        }

        var admitted = calls.Where(c => !c.IsCompleted).ToList();
        gate.SetResult();
        foreach (var call in admitted)
        {
            using var served = await call;
            await served.AssertStatusAsync(HttpStatusCode.OK);
        }

        Assert.Equal(10, Fixture.Upstream.ChatRequests.Count - upstreamBefore);
        var key = await WaitForPeriodSpendAsync(id, Money.FromNanoUsd(cost.NanoUsd * 10));
        Assert.True(Money.Parse(key["period_spend_usd"]!.GetValue<string>()) <= limit);
        await AssertNothingHeldOrChargedAsync(Money.Parse("10") - Money.FromNanoUsd(cost.NanoUsd * 11));
        using var reconciliation = await Admin.GetAsync($"/admin/v1/billing/reconciliation?account_id={AccountId}");
        Assert.Contains("\"balanced\":true", await reconciliation.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_call_the_budget_cannot_cover_holds_nothing_never_reaches_the_upstream_and_a_raised_limit_admits_the_next()
    {
        await Admin.CreditAsync(AccountId, "1");
        var created = await CreateKeyAsync(new JsonObject { ["name"] = "tiny", ["spend_limit_usd"] = "0.000000001" });
        using var api = V1(created["key"]!.GetValue<string>());

        using (var refused = await ChatAsync(api))
        {
            var error = await AssertGatewayErrorAsync(refused, HttpStatusCode.PaymentRequired, "insufficient_quota", "key_spend_limit_reached");
            Assert.Contains("spend limit", error["message"]!.GetValue<string>(), StringComparison.Ordinal);
        }

        Assert.Empty(Fixture.Upstream.ChatRequests);
        await AssertNothingHeldOrChargedAsync(Money.Parse("1"));
        Assert.Equal(0, await ReadBillingAsync(db => db.Reservations.CountAsync(r => r.AccountId == AccountId)));

        using (var raised = await PatchKeyAsync(created["id"]!.GetValue<string>(), new JsonObject { ["spend_limit_usd"] = 1 }))
        {
            await raised.AssertStatusAsync(HttpStatusCode.OK);
        }

        using var admitted = await ChatAsync(api);
        await admitted.AssertStatusAsync(HttpStatusCode.OK);
    }

    private async Task<JsonNode> WaitForPeriodSpendAsync(string id, Money expected)
    {
        JsonNode? key = null;
        await WaitUntilAsync(
            async () =>
            {
                key = await (await Customer.GetAsync($"/api/v1/keys/{id}")).ReadJsonNodeAsync();
                return key["period_spend_usd"]?.GetValue<string>() == expected.ToString();
            },
            $"the key's period spend is {expected}");
        return key!;
    }

    private async Task<T> ReadBillingAsync<T>(Func<BillingDbContext, Task<T>> read)
    {
        await using var scope = Fixture.App.Services.CreateAsyncScope();
        return await read(scope.ServiceProvider.GetRequiredService<BillingDbContext>());
    }
}

public sealed class SqliteKeyBudgetEnforcementTests(SqliteKeyLimitsFixture fixture)
    : KeyBudgetEnforcementTests<SqliteKeyLimitsFixture>(fixture), IClassFixture<SqliteKeyLimitsFixture>;

public sealed class PostgresKeyBudgetEnforcementTests(PostgresKeyLimitsFixture fixture)
    : KeyBudgetEnforcementTests<PostgresKeyLimitsFixture>(fixture), IClassFixture<PostgresKeyLimitsFixture>;
