using System.Net;
using System.Net.Http.Json;
using OmniaKey.Domain.Money;
using OmniaKey.IntegrationTests.Billing;
using OmniaKey.IntegrationTests.Infrastructure;
using Xunit;

namespace OmniaKey.IntegrationTests.Operators;

/// <summary>Promotional credit granted by an operator is spendable but never refunded: only paid top-ups are.</summary>
public abstract class PromotionalCreditRefundTests<TFixture>(TFixture fixture) : RefundTestBase<TFixture>(fixture)
    where TFixture : RefundFixture
{
    [Fact]
    public async Task A_refund_of_everything_returns_the_paid_top_up_and_leaves_the_promotional_credit()
    {
        await TopUpAsync("25");
        using (var grant = await GrantAsync("10"))
        {
            await grant.AssertStatusAsync(HttpStatusCode.Created);
        }

        Assert.Equal(Money.Parse("35"), await AvailableAsync());

        var refund = await RequestRefundOkAsync();
        Assert.Equal("25", refund["amount_usd"]!.GetValue<string>());
        Assert.Equal(Money.Parse("10"), await AvailableAsync());

        using var more = await RequestRefundAsync("1");
        await more.AssertStatusAsync(HttpStatusCode.BadRequest);
        Assert.NotNull((await more.ReadJsonNodeAsync())["errors"]!["amount_usd"]);
    }

    [Fact]
    public async Task An_account_with_only_promotional_credit_has_nothing_to_refund()
    {
        using (var grant = await GrantAsync("10"))
        {
            await grant.AssertStatusAsync(HttpStatusCode.Created);
        }

        using var refund = await RequestRefundAsync();
        await refund.AssertStatusAsync(HttpStatusCode.BadRequest);
        Assert.Equal(Money.Parse("10"), await AvailableAsync());
        Assert.Single(await LedgerOfTypeAsync("promotional_credit"));
    }

    private Task<HttpResponseMessage> GrantAsync(string amountUsd)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/admin/v1/accounts/{AccountId}/promotional-credits")
        {
            Content = JsonContent.Create(new { amount_usd = amountUsd, reason = "Launch promotion" }, options: ApiClientExtensions.Json),
        };
        request.Headers.Add("Idempotency-Key", $"promo-{Guid.NewGuid():N}");
        return Admin.SendAsync(request);
    }
}

public sealed class SqlitePromotionalCreditRefundTests(SqliteRefundFixture fixture)
    : PromotionalCreditRefundTests<SqliteRefundFixture>(fixture), IClassFixture<SqliteRefundFixture>;

public sealed class PostgresPromotionalCreditRefundTests(PostgresRefundFixture fixture)
    : PromotionalCreditRefundTests<PostgresRefundFixture>(fixture), IClassFixture<PostgresRefundFixture>;
