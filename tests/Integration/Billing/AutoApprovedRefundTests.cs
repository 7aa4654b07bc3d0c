using OmniaKey.Domain.Money;
using Xunit;

namespace OmniaKey.IntegrationTests.Billing;

/// <summary>With <c>Billing:Refunds:AutoApprove=true</c> a request is approved and its job enqueued at once.</summary>
public abstract class AutoApprovedRefundTests<TFixture>(TFixture fixture) : RefundTestBase<TFixture>(fixture)
    where TFixture : RefundFixture
{
    [Fact]
    public async Task Request_is_approved_and_enqueued_at_once_and_the_job_refunds_it()
    {
        var paymentIntent = await TopUpAsync("25");

        var requested = await RequestRefundOkAsync("20");
        var id = IdOf(requested);

        Assert.Equal("approved", requested["status"]!.GetValue<string>());
        Assert.Equal([id], EnqueuedRefundJobs(id));
        Assert.Equal((Money.Parse("5"), Money.Parse("20")), await BalanceAsync());

        await RunRefundJobAsync(id);

        Assert.Equal("succeeded", await StatusOfAsync(id));
        Assert.Equal(2000L, Assert.Single(StripeApi.RefundsOf(paymentIntent)).AmountCents);
        Assert.Equal((Money.Parse("5"), Money.Zero), await BalanceAsync());
        await AssertLedgerBalancedAsync();
    }
}

public sealed class SqliteAutoApprovedRefundTests(SqliteAutoApprovedRefundFixture fixture)
    : AutoApprovedRefundTests<SqliteAutoApprovedRefundFixture>(fixture), IClassFixture<SqliteAutoApprovedRefundFixture>;

public sealed class PostgresAutoApprovedRefundTests(PostgresAutoApprovedRefundFixture fixture)
    : AutoApprovedRefundTests<PostgresAutoApprovedRefundFixture>(fixture), IClassFixture<PostgresAutoApprovedRefundFixture>;
