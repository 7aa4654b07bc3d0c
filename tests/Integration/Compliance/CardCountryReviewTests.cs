using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using OmniaKey.Application.Messaging;
using OmniaKey.Domain.Money;
using OmniaKey.IntegrationTests.Infrastructure;
using OmniaKey.Modules.Compliance.Application.Reviews.ObserveCardCountry;
using Xunit;

namespace OmniaKey.IntegrationTests.Compliance;

/// <summary>
/// A top-up paid with a card from the Restricted Territory stays credited, and the account is suspended with a review
/// that an operator resolves: allow reactivates, terminate terminates with the refund of the Terms. On each database.
/// </summary>
public abstract class CardCountryReviewTests<TFixture>(TFixture fixture) : ComplianceTestBase<TFixture>(fixture)
    where TFixture : ComplianceFixture
{
    [Fact]
    public async Task A_mainland_card_credits_the_top_up_and_suspends_the_account_for_review()
    {
        var sessionId = await CheckoutAsync("25");
        Assert.Equal("credited", await DeliverOkAsync(StripeApi.Pay(sessionId, cardCountry: "CN")));

        Assert.Equal(Money.Parse("25"), await AvailableAsync());
        var account = await AccountAsync(AccountId);
        Assert.Equal("suspended", Text(account, "status"));
        Assert.Contains("restricted_territory_review", Text(account, "suspension_reason"), StringComparison.Ordinal);

        var review = Assert.Single(await ReviewsAsync());
        Assert.Equal((AccountId.ToString(), "open", "CN", "card_country"), (Text(review, "account_id"), Text(review, "status"), Text(review, "country"), Text(review, "signal")));
        var decision = Assert.Single(await DecisionsAsync($"account_id={AccountId}&surface=payment"));
        Assert.Equal(("payment", "review", "CN", "card_country"), Summary(decision));
        Assert.Equal(("CN", StripeApi.PaymentIntentOf(sessionId)), (Evidence(decision, "card_country"), Evidence(decision, "payment_id")));
        Assert.Equal(Text(decision, "id"), Text(review, "decision_id"));

        // The suspension ended the customer's sessions (docs/accounts.md); signed in again, a new key is refused at once.
        using (var stale = await Customer.GetAsync("/api/v1/account"))
        {
            await stale.AssertStatusAsync(HttpStatusCode.Unauthorized);
        }

        var (_, token) = await Fixture.App.CreateClient().LogInAsync(Text(account, "email"));
        var api = Fixture.App.CreateBearerClient(await Fixture.App.CreateBearerClient(token).CreateApiKeyAsync("laptop"));
        using var models = await api.GetAsync("/v1/models");
        await models.AssertStatusAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Other_card_countries_are_allowed_and_the_same_payment_is_judged_once()
    {
        var sessionId = await CheckoutAsync("25");
        Assert.Equal("credited", await DeliverOkAsync(StripeApi.Pay(sessionId, cardCountry: "HK")));

        // The outbox delivers at least once: a second delivery of the payment's country changes nothing.
        await using (var scope = Fixture.App.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<IDispatcher>()
                .Send(new ObserveCardCountryCommand(AccountId, "HK", StripeApi.PaymentIntentOf(sessionId)));
        }

        var decision = Assert.Single(await DecisionsAsync($"account_id={AccountId}&surface=payment"));
        Assert.Equal(("payment", "allow", "HK", "card_country"), Summary(decision));
        Assert.Equal("active", Text(await AccountAsync(AccountId), "status"));
        Assert.Empty(await ReviewsAsync());
    }

    [Fact]
    public async Task A_review_allowed_reactivates_the_account_and_cannot_be_resolved_twice()
    {
        var review = await OpenReviewAsync();

        var resolved = await ResolveAsync(review, new { outcome = "allow", note = "Customer lives in Hong Kong; card issued on a mainland trip." }, HttpStatusCode.OK);

        Assert.Equal(("allowed", "bootstrap"), (Text(resolved, "status"), Text(resolved, "resolved_by")));
        using (var read = await Fixture.App.CreateAdminClient().GetAsync($"/admin/v1/compliance/reviews/{Text(review, "id")}"))
        {
            Assert.Equal("allowed", Text(await read.ReadJsonNodeAsync(), "status"));
        }

        using (var trail = await Fixture.App.CreateAdminClient().GetAsync($"/admin/v1/audit?action=compliance.reviews.resolve&target_id={Text(review, "id")}"))
        {
            var entry = Assert.Single((await trail.ReadJsonNodeAsync())["data"]!.AsArray())!;
            Assert.Equal(("open", "allowed"), (entry["before"]!["status"]!.GetValue<string>(), entry["after"]!["status"]!.GetValue<string>()));
        }

        Assert.Equal("Customer lives in Hong Kong; card issued on a mainland trip.", Text(resolved, "resolution_note"));
        Assert.NotNull(resolved["resolved_at"]?.GetValue<DateTimeOffset>());
        var account = await AccountAsync(AccountId);
        Assert.Equal("active", Text(account, "status"));
        Assert.Null(account["suspension_reason"]?.GetValue<string>());
        Assert.Equal(Money.Parse("25"), await AvailableAsync());

        var again = await ResolveAsync(review, new { outcome = "terminate", note = "second thoughts" }, HttpStatusCode.Conflict);
        Assert.Equal("review_already_resolved", Text(again, "code"));
        Assert.Equal("active", Text(await AccountAsync(AccountId), "status"));
        Assert.Equal("allowed", Text(Assert.Single(await ReviewsAsync("?status=allowed")), "status"));
        Assert.Empty(await ReviewsAsync("?status=open"));
    }

    [Fact]
    public async Task A_review_terminated_terminates_the_account_and_refunds_the_balance_per_the_terms()
    {
        var review = await OpenReviewAsync();

        var resolved = await ResolveAsync(review, new { outcome = "terminate", note = "Resident of the mainland." }, HttpStatusCode.OK);

        Assert.Equal("terminated", Text(resolved, "status"));
        Assert.Equal("terminated", Text(await AccountAsync(AccountId), "status"));
        var termination = Assert.Single(Fixture.Terminations.Events);
        Assert.False(termination.MaterialBreach);
        Assert.Contains("Resident of the mainland.", termination.Reason, StringComparison.Ordinal);

        using var refunds = await Admin.GetAsync($"/admin/v1/refunds?account_id={AccountId}");
        var refund = Assert.Single((await refunds.ReadJsonNodeAsync())["data"]!.AsArray())!;
        Assert.Equal(("25", "termination"), (Text(refund, "amount_usd"), Text(refund, "origin")));
    }

    [Fact]
    public async Task Resolving_checks_its_input_and_an_unknown_review_is_404()
    {
        var review = await OpenReviewAsync();

        var invalid = await ResolveAsync(review, new { outcome = "ban", note = "" }, HttpStatusCode.BadRequest);
        Assert.NotNull(invalid["errors"]!["outcome"]);
        Assert.NotNull(invalid["errors"]!["note"]);
        Assert.Equal("open", Text(Assert.Single(await ReviewsAsync()), "status"));

        using var unknown = await Admin.PostJsonAsync($"/admin/v1/compliance/reviews/{Guid.NewGuid()}/resolve", new { outcome = "allow", note = "n/a" });
        await unknown.AssertStatusAsync(HttpStatusCode.NotFound);
        Assert.Equal("review_not_found", Text(await unknown.ReadJsonNodeAsync(), "code"));

        using var badStatus = await Admin.GetAsync("/admin/v1/compliance/reviews?status=pending");
        await badStatus.AssertStatusAsync(HttpStatusCode.BadRequest);
    }

    /// <summary>A paid top-up of 25 USD with a mainland card; returns the review it opened.</summary>
    private async Task<JsonNode> OpenReviewAsync()
    {
        Assert.Equal("credited", await DeliverOkAsync(StripeApi.Pay(await CheckoutAsync("25"), cardCountry: "CN")));
        return Assert.Single(await ReviewsAsync());
    }

    private async Task<JsonNode> ResolveAsync(JsonNode review, object body, HttpStatusCode expected)
    {
        using var response = await Admin.PostJsonAsync($"/admin/v1/compliance/reviews/{Text(review, "id")}/resolve", body);
        await response.AssertStatusAsync(expected);
        return await response.ReadJsonNodeAsync();
    }

    private async Task<List<JsonNode>> ReviewsAsync(string query = "")
    {
        using var response = await Admin.GetAsync($"/admin/v1/compliance/reviews{query}");
        await response.AssertStatusAsync(HttpStatusCode.OK);
        return [.. (await response.ReadJsonNodeAsync())["data"]!.AsArray().Select(r => r!.DeepClone())];
    }
}

public sealed class SqliteCardCountryReviewTests(SqliteComplianceFixture fixture)
    : CardCountryReviewTests<SqliteComplianceFixture>(fixture), IClassFixture<SqliteComplianceFixture>;

public sealed class PostgresCardCountryReviewTests(PostgresComplianceFixture fixture)
    : CardCountryReviewTests<PostgresComplianceFixture>(fixture), IClassFixture<PostgresComplianceFixture>;
