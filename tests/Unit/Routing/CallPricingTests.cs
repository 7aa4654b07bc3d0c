using OmniaKey.Domain.Money;
using OmniaKey.Modules.Billing.Contracts;
using OmniaKey.Modules.Routing.Domain.Catalog;
using OmniaKey.Modules.Routing.Domain.Pricing;
using OmniaKey.Modules.Routing.Infrastructure.Persistence;
using Xunit;

namespace OmniaKey.UnitTests.Routing;

public sealed class CallPricingTests
{
    // gpt-4o list prices per million tokens: $2.50 input, $1.25 cached input, $10 output.
    private static readonly CatalogModel Gpt4o = Model("2.5", "10", cacheRead: "1.25");

    // Claude Sonnet-like: a cache write ($3.75) costs more than plain input ($3).
    private static readonly CatalogModel Sonnet = Model("3", "15", cacheRead: "0.3", cacheWrite: "3.75");

    [Fact]
    public void Input_and_output_are_priced_at_their_list_prices()
    {
        // 1,000 × $2.50/M + 500 × $10/M = $0.0025 + $0.005
        Assert.Equal(Money.Parse("0.0075"), CallPricing.Cost(ModelPrices.ListPricesOf(Gpt4o), new TokenUsage(1_000, 500, 0, 0, 0)));
    }

    [Fact]
    public void Cached_input_tokens_are_part_of_the_input_and_priced_at_the_cache_read_price()
    {
        // 600 uncached × $2.50/M + 400 cached × $1.25/M + 500 × $10/M = $0.0015 + $0.0005 + $0.005
        Assert.Equal(Money.Parse("0.007"), CallPricing.Cost(ModelPrices.ListPricesOf(Gpt4o), new TokenUsage(1_000, 500, 400, 0, 0)));
    }

    [Fact]
    public void Cache_writes_are_part_of_the_input_and_priced_at_the_cache_write_price()
    {
        // 1,000 uncached × $3/M + 2,000 written × $3.75/M + 3,000 read × $0.30/M + 100 × $15/M
        var cost = CallPricing.Cost(ModelPrices.ListPricesOf(Sonnet), new TokenUsage(6_000, 100, 3_000, 2_000, 0));

        Assert.Equal(Money.Parse("0.003") + Money.Parse("0.0075") + Money.Parse("0.0009") + Money.Parse("0.0015"), cost);
    }

    [Fact]
    public void Reasoning_tokens_are_part_of_the_output_and_not_charged_twice() =>
        Assert.Equal(
            CallPricing.Cost(ModelPrices.ListPricesOf(Gpt4o), new TokenUsage(1_000, 500, 0, 0, 0)),
            CallPricing.Cost(ModelPrices.ListPricesOf(Gpt4o), new TokenUsage(1_000, 500, 0, 0, 400)));

    [Fact]
    public void More_cached_tokens_than_input_tokens_never_make_uncached_input_negative()
    {
        // A confused upstream report: the cached tokens are charged, the uncached input is zero, not negative.
        Assert.Equal(Money.Parse("0.00125"), CallPricing.Cost(ModelPrices.ListPricesOf(Gpt4o), new TokenUsage(500, 0, 1_000, 0, 0)));
    }

    [Fact]
    public void A_call_is_rounded_up_once_not_per_token_kind()
    {
        // $0.0375/M: one token costs 37.5 nano-USD. One input + one output = 75 exactly; rounding each would give 76.
        var cheap = Model("0.0375", "0.0375");

        Assert.Equal(Money.FromNanoUsd(75), CallPricing.Cost(ModelPrices.ListPricesOf(cheap), new TokenUsage(1, 1, 0, 0, 0)));
        Assert.Equal(Money.FromNanoUsd(38), CallPricing.Cost(ModelPrices.ListPricesOf(cheap), new TokenUsage(1, 0, 0, 0, 0)));
        Assert.Equal(Money.FromNanoUsd(38), CallPricing.Cost(ModelPrices.ListPricesOf(cheap), new TokenUsage(0, 1, 0, 0, 0)));
    }

    [Fact]
    public void A_cached_token_at_a_fractional_price_rounds_up_with_the_rest_of_the_call()
    {
        // Per token: 37.5 nano-USD input and output, 3.75 nano-USD cached. 3 uncached + 1 cached + 1 output
        // = 112.5 + 3.75 + 37.5 = 153.75 nano-USD, charged as 154 (rounding each kind up would charge 155).
        var model = Model("0.0375", "0.0375", cacheRead: "0.00375");

        Assert.Equal(Money.FromNanoUsd(154), CallPricing.Cost(ModelPrices.ListPricesOf(model), new TokenUsage(4, 1, 1, 0, 0)));
    }

    [Fact]
    public void Nothing_used_costs_nothing() =>
        Assert.Equal(Money.Zero, CallPricing.Cost(ModelPrices.ListPricesOf(Gpt4o), TokenUsage.None));

    [Fact]
    public void The_hold_prices_every_byte_as_an_input_token_and_the_output_cap_as_output_tokens()
    {
        // 180 bytes × $2.50/M + 200 × $10/M = 450,000 + 2,000,000 nano-USD
        Assert.Equal(Money.FromNanoUsd(2_450_000), CallPricing.EstimateHold(ModelPrices.ListPricesOf(Gpt4o), 180, 200));
    }

    [Fact]
    public void The_hold_rounds_up_once()
    {
        var cheap = Model("0.0375", "0.0375");

        Assert.Equal(Money.FromNanoUsd(75), CallPricing.EstimateHold(ModelPrices.ListPricesOf(cheap), 1, 1));
        Assert.Equal(Money.FromNanoUsd(38), CallPricing.EstimateHold(ModelPrices.ListPricesOf(cheap), 1, 0));
    }

    [Fact]
    public void The_hold_covers_a_call_whose_whole_input_is_a_cache_write_dearer_than_input()
    {
        var hold = CallPricing.EstimateHold(ModelPrices.ListPricesOf(Sonnet), 10_000, 1_000);

        Assert.True(hold >= CallPricing.Cost(ModelPrices.ListPricesOf(Sonnet), new TokenUsage(10_000, 1_000, 0, 10_000, 0)));
        Assert.Equal(Money.Parse("0.0375") + Money.Parse("0.015"), hold);
    }

    [Fact]
    public void For_every_default_model_the_hold_covers_any_usage_within_its_bounds()
    {
        const long bytes = 4_096;
        const long maxOutput = 1_000;
        var usages = new[]
        {
            new TokenUsage(bytes, maxOutput, 0, 0, 0),
            new TokenUsage(bytes, maxOutput, bytes, 0, 0),
            new TokenUsage(bytes, maxOutput, 0, bytes, 0),
            new TokenUsage(bytes, maxOutput, bytes / 2, bytes / 2, maxOutput),
            new TokenUsage(1, 1, 0, 0, 0),
        };

        var models = ModelCatalogSeeder.LoadDefaults().ToList();
        Assert.NotEmpty(models);
        foreach (var model in models.Append(Sonnet))
        {
            var hold = CallPricing.EstimateHold(ModelPrices.ListPricesOf(model), bytes, maxOutput);
            Assert.All(usages, usage => Assert.True(hold >= CallPricing.Cost(ModelPrices.ListPricesOf(model), usage), $"{model.Id}: {usage}"));
        }
    }

    private static CatalogModel Model(string input, string output, string cacheRead = "0", string cacheWrite = "0") => new()
    {
        Id = $"test-{input}-{output}",
        Provider = "openai",
        UpstreamModel = "test",
        MaxOutputTokens = 16_384,
        InputPrice = TokenPrice.PerMillion(Money.Parse(input)),
        OutputPrice = TokenPrice.PerMillion(Money.Parse(output)),
        CacheReadPrice = TokenPrice.PerMillion(Money.Parse(cacheRead)),
        CacheWritePrice = TokenPrice.PerMillion(Money.Parse(cacheWrite)),
        Enabled = true,
    };
}
