using System.Net;
using OmniaKey.Domain.Money;
using OmniaKey.IntegrationTests.Infrastructure;
using Xunit;

namespace OmniaKey.IntegrationTests.Admin;

/// <summary>
/// <c>/admin/v1/promotions</c> over HTTP: CRUD, validation, and what a running promotion does to <c>/v1/models</c>
/// and to the charge for a call.
/// </summary>
public abstract class PromotionsAdminTests<TFixture>(TFixture fixture) : RoutingAdminTestBase<TFixture>(fixture)
    where TFixture : GatewayFixture
{
    private static DateTimeOffset Now => DateTimeOffset.UtcNow;

    [Fact]
    public async Task A_promotion_is_created_read_listed_replaced_and_deleted()
    {
        var starts = new DateTimeOffset(2030, 1, 1, 9, 0, 0, TimeSpan.FromHours(2));
        using var created = await Admin.PostJsonAsync("/admin/v1/promotions", new
        {
            name = "Claude 70% off",
            provider = "anthropic",
            discount_basis_points = 7000,
            starts_at = starts,
            ends_at = starts.AddDays(7),
        });
        await created.AssertStatusAsync(HttpStatusCode.Created);
        var body = await created.ReadJsonNodeAsync();
        var id = Str(body, "id");
        Assert.Equal($"/admin/v1/promotions/{id}", created.Headers.Location!.OriginalString);
        Assert.Equal("scheduled", Str(body, "status"));
        Assert.Equal(7000, body["discount_basis_points"]!.GetValue<int>());
        Assert.Null(body["model_pattern"]);
        Assert.Equal(starts, body["starts_at"]!.GetValue<DateTimeOffset>());
        Assert.Equal(TimeSpan.Zero, body["starts_at"]!.GetValue<DateTimeOffset>().Offset); // stored and shown in UTC

        using var fetched = await Admin.GetAsync($"/admin/v1/promotions/{id}");
        await fetched.AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal("Claude 70% off", Str(await fetched.ReadJsonNodeAsync(), "name"));

        using var replaced = await PutJsonAsync(Admin, $"/admin/v1/promotions/{id}", new
        {
            name = "Sonnet 50% off",
            model_pattern = "claude-sonnet-*",
            discount_basis_points = 5000,
            starts_at = Now.AddDays(-1),
            ends_at = Now.AddDays(1),
        });
        await replaced.AssertStatusAsync(HttpStatusCode.OK);
        var after = await replaced.ReadJsonNodeAsync();
        Assert.Null(after["provider"]); // PUT replaces: the omitted provider is gone
        Assert.Equal("claude-sonnet-*", Str(after, "model_pattern"));
        Assert.Equal("active", Str(after, "status"));

        var list = (await (await Admin.GetAsync("/admin/v1/promotions")).ReadJsonNodeAsync())["data"]!.AsArray();
        Assert.Equal(id, Str(Assert.Single(list)!, "id"));

        using var deleted = await Admin.DeleteAsync($"/admin/v1/promotions/{id}");
        await deleted.AssertStatusAsync(HttpStatusCode.NoContent);
        Assert.Equal(HttpStatusCode.NotFound, (await Admin.GetAsync($"/admin/v1/promotions/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Admin.DeleteAsync($"/admin/v1/promotions/{id}")).StatusCode);
    }

    [Fact]
    public async Task Invalid_promotions_are_refused_with_400_naming_each_field()
    {
        using var response = await Admin.PostJsonAsync("/admin/v1/promotions", new
        {
            name = "",
            discount_basis_points = 10001,
            starts_at = Now,
            ends_at = Now.AddHours(-1),
        });
        var errors = await AssertFieldErrorsAsync(response, "name", "model_pattern", "discount_basis_points", "ends_at");
        Assert.Equal("must be after starts_at", errors["ends_at"]![0]!.GetValue<string>());

        using var badTarget = await Admin.PostJsonAsync("/admin/v1/promotions", new
        {
            name = "x",
            provider = "mistral",
            model_pattern = "GPT *",
            discount_basis_points = 0,
            starts_at = Now,
            ends_at = Now.AddHours(1),
        });
        await AssertFieldErrorsAsync(badTarget, "provider", "model_pattern", "discount_basis_points");

        Assert.Empty((await (await Admin.GetAsync("/admin/v1/promotions")).ReadJsonNodeAsync())["data"]!.AsArray());
    }

    [Fact]
    public async Task V1_models_shows_the_discounted_pricing_and_the_list_pricing_while_a_promotion_runs()
    {
        Assert.Null((await PublicModelAsync("gpt-4o"))["list_pricing"]); // caches the undiscounted view first

        await CreatePromotionAsync("GPT 95% off", pattern: "gpt-*", basisPoints: 9500);

        var gpt4o = await PublicModelAsync("gpt-4o");
        Assert.Equal("0.125", Str(gpt4o, "pricing.input_per_million_usd"));
        Assert.Equal("0.5", Str(gpt4o, "pricing.output_per_million_usd"));
        Assert.Equal("0.0625", Str(gpt4o, "pricing.cache_read_per_million_usd"));
        Assert.Equal("2.5", Str(gpt4o, "list_pricing.input_per_million_usd"));
        Assert.Equal("10", Str(gpt4o, "list_pricing.output_per_million_usd"));

        var models = (await (await ApiClient().GetAsync("/v1/models")).ReadJsonNodeAsync())["data"]!.AsArray();
        var mini = models.Single(m => Str(m!, "id") == "gpt-4o-mini")!;
        Assert.Equal("0.0075", Str(mini, "pricing.input_per_million_usd"));
        Assert.Equal("0.15", Str(mini, "list_pricing.input_per_million_usd"));
        var o4 = models.Single(m => Str(m!, "id") == "o4-mini")!;
        Assert.Null(o4["list_pricing"]);
        Assert.Equal("1.1", Str(o4, "pricing.input_per_million_usd"));
    }

    [Fact]
    public async Task Overlapping_promotions_apply_the_largest_discount_and_scheduled_ones_do_not_apply_yet()
    {
        await CreatePromotionAsync("Claude 70% off", provider: "anthropic", basisPoints: 7000);
        await CreatePromotionAsync("Sonnet 10% off", pattern: "claude-sonnet-*", basisPoints: 1000);
        await CreatePromotionAsync("Everything free next year", pattern: "*", basisPoints: 10000, starts: Now.AddDays(365));

        var sonnet = await PublicModelAsync("claude-sonnet-4-5");
        Assert.Equal("0.9", Str(sonnet, "pricing.input_per_million_usd"));
        Assert.Equal("4.5", Str(sonnet, "pricing.output_per_million_usd"));
        Assert.Equal("1.125", Str(sonnet, "pricing.cache_write_per_million_usd"));
        Assert.Equal("3", Str(sonnet, "list_pricing.input_per_million_usd"));
        Assert.Null((await PublicModelAsync("gemini-2.5-pro"))["list_pricing"]);

        // Through an alias, the same model and the same quote.
        Assert.Equal("0.9", Str(await PublicModelAsync("claude-sonnet-4-5-20250929"), "pricing.input_per_million_usd"));
    }

    [Fact]
    public async Task A_chat_call_during_a_promotion_is_charged_at_the_discounted_price_and_at_list_price_once_it_is_deleted()
    {
        await Admin.CreditAsync(AccountId, "5");
        var id = await CreatePromotionAsync("GPT 95% off", pattern: "gpt-*", basisPoints: 9500);
        Fixture.Upstream.DefaultReply = FakeReply.Text("Hi there!", promptTokens: 1200, completionTokens: 345, cachedTokens: 200);

        using (var discounted = await ChatAsync("gpt-4o"))
        {
            await discounted.AssertStatusAsync(HttpStatusCode.OK);
            var cost = (await discounted.ReadJsonNodeAsync())["usage"]!["cost"]!.GetValue<decimal>();
            Assert.Equal(DiscountedCost.ToDecimal(), cost);
        }

        Assert.Equal(Money.Parse("5") - DiscountedCost, await AvailableAsync());

        (await Admin.DeleteAsync($"/admin/v1/promotions/{id}")).EnsureSuccessStatusCode();
        using (var listPrice = await ChatAsync("gpt-4o"))
        {
            await listPrice.AssertStatusAsync(HttpStatusCode.OK);
        }

        Assert.Equal(Money.Parse("5") - DiscountedCost - CostOf(1200, 345, cachedTokens: 200), await AvailableAsync());
    }

    [Fact]
    public async Task Customer_tokens_and_api_keys_are_refused_on_the_admin_promotions()
    {
        var promotion = new { name = "free", model_pattern = "*", discount_basis_points = 10000, starts_at = Now, ends_at = Now.AddDays(1) };
        Assert.Equal(HttpStatusCode.Unauthorized, (await Customer.PostJsonAsync("/admin/v1/promotions", promotion)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Customer.GetAsync("/admin/v1/promotions")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await ApiClient().PostJsonAsync("/admin/v1/promotions", promotion)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Fixture.App.CreateClient().GetAsync("/admin/v1/promotions")).StatusCode);
        Assert.Empty((await (await Admin.GetAsync("/admin/v1/promotions")).ReadJsonNodeAsync())["data"]!.AsArray());
    }

    /// <summary>1,200 prompt tokens (200 cached) and 345 completion tokens of gpt-4o at 95 % off: $0.125 / $0.0625 / $0.50 per million.</summary>
    private static Money DiscountedCost => CostRounding.ToMoney(
        TokenPrice.PerMillion(Money.Parse("0.125")).ExactCostOf(1000)
        + TokenPrice.PerMillion(Money.Parse("0.0625")).ExactCostOf(200)
        + TokenPrice.PerMillion(Money.Parse("0.5")).ExactCostOf(345));

    private async Task<string> CreatePromotionAsync(string name, string? provider = null, string? pattern = null, int basisPoints = 5000, DateTimeOffset? starts = null)
    {
        var from = starts ?? Now.AddMinutes(-5);
        using var response = await Admin.PostJsonAsync("/admin/v1/promotions", new
        {
            name,
            provider,
            model_pattern = pattern,
            discount_basis_points = basisPoints,
            starts_at = from,
            ends_at = from.AddDays(1),
        });
        await response.AssertStatusAsync(HttpStatusCode.Created);
        return Str(await response.ReadJsonNodeAsync(), "id");
    }
}

public sealed class SqlitePromotionsAdminTests(SqliteGatewayFixture fixture)
    : PromotionsAdminTests<SqliteGatewayFixture>(fixture), IClassFixture<SqliteGatewayFixture>;

public sealed class PostgresPromotionsAdminTests(PostgresGatewayFixture fixture)
    : PromotionsAdminTests<PostgresGatewayFixture>(fixture), IClassFixture<PostgresGatewayFixture>;
