using OmniaKey.Modules.Routing.Domain.Pricing;
using OmniaKey.Modules.Routing.Domain.Promotions;
using Xunit;
using static OmniaKey.UnitTests.Routing.Promotions.PromotionTestData;

namespace OmniaKey.UnitTests.Routing.Promotions;

/// <summary>Which promotion applies to a model at a moment, and the quote that results.</summary>
public sealed class PromotionalPricingTests
{
    private static readonly DateTimeOffset Dec3 = Dec1.AddDays(2);

    [Fact]
    public void Without_a_promotion_the_quote_is_the_list_price_and_not_discounted()
    {
        var model = Model("gpt-4o", "openai");
        var quote = PromotionalPricing.Quote(model, [], Dec3);

        Assert.False(quote.IsDiscounted);
        Assert.Equal(ModelPrices.ListPricesOf(model), quote.Prices);
        Assert.Equal(quote.Prices, quote.ListPrices);
        Assert.Null(quote.PromotionName);
    }

    [Fact]
    public void A_provider_promotion_discounts_that_providers_models_only()
    {
        Promotion[] promotions = [Promotion(7000, provider: "anthropic", name: "Claude 70% off")];

        var claude = PromotionalPricing.Quote(Model("claude-sonnet-4-5", "anthropic", input: "3", output: "15"), promotions, Dec3);
        var gpt = PromotionalPricing.Quote(Model("gpt-4o", "openai"), promotions, Dec3);

        Assert.True(claude.IsDiscounted);
        Assert.Equal("Claude 70% off", claude.PromotionName);
        Assert.Equal(promotions[0].Id, claude.PromotionId);
        Assert.Equal(Price("0.9"), claude.Prices.Input);
        Assert.Equal(Price("4.5"), claude.Prices.Output);
        Assert.Equal(Price("3"), claude.ListPrices.Input);
        Assert.False(gpt.IsDiscounted);
    }

    [Fact]
    public void A_pattern_promotion_discounts_the_matching_ids_of_any_provider()
    {
        Promotion[] promotions = [Promotion(9500, pattern: "gpt-*")];

        Assert.True(PromotionalPricing.Quote(Model("gpt-4o", "openai"), promotions, Dec3).IsDiscounted);
        Assert.False(PromotionalPricing.Quote(Model("o4-mini", "openai"), promotions, Dec3).IsDiscounted);
    }

    [Fact]
    public void A_promotion_with_provider_and_pattern_needs_both_to_match()
    {
        Promotion[] promotions = [Promotion(5000, provider: "openai", pattern: "*-mini")];

        Assert.True(PromotionalPricing.Quote(Model("gpt-4o-mini", "openai"), promotions, Dec3).IsDiscounted);
        Assert.False(PromotionalPricing.Quote(Model("gpt-4o", "openai"), promotions, Dec3).IsDiscounted);
        Assert.False(PromotionalPricing.Quote(Model("gemini-mini", "gemini"), promotions, Dec3).IsDiscounted);
    }

    [Fact]
    public void Overlapping_promotions_do_not_stack_the_largest_discount_wins()
    {
        var provider = Promotion(5000, provider: "openai", name: "OpenAI half price");
        var pattern = Promotion(9500, pattern: "gpt-4o*", name: "GPT-4o 95% off");
        var small = Promotion(1000, pattern: "*", name: "10% off everything");
        var model = Model("gpt-4o", "openai");

        foreach (var order in new[] { new[] { provider, pattern, small }, [small, pattern, provider], [pattern, small, provider] })
        {
            var quote = PromotionalPricing.Quote(model, order, Dec3);
            Assert.Equal("GPT-4o 95% off", quote.PromotionName);
            Assert.Equal(Price("0.125"), quote.Prices.Input);
        }

        // Where the big one does not apply, the next largest does.
        Assert.Equal("OpenAI half price", PromotionalPricing.Quote(Model("o3", "openai"), [provider, pattern, small], Dec3).PromotionName);
        Assert.Equal("10% off everything", PromotionalPricing.Quote(Model("gemini-2.5-pro", "gemini"), [provider, pattern, small], Dec3).PromotionName);
    }

    [Fact]
    public void Equal_discounts_go_to_the_promotion_that_started_first_whatever_the_order()
    {
        var early = Promotion(5000, provider: "openai", starts: Dec1, name: "early");
        var late = Promotion(5000, pattern: "gpt-*", starts: Dec1.AddDays(1), name: "late");
        var model = Model("gpt-4o", "openai");

        Assert.Equal("early", PromotionalPricing.Quote(model, [early, late], Dec3).PromotionName);
        Assert.Equal("early", PromotionalPricing.Quote(model, [late, early], Dec3).PromotionName);
    }

    [Fact]
    public void A_promotion_applies_from_its_start_inclusive_until_its_end_exclusive()
    {
        var starts = Dec1.AddHours(12);
        var ends = starts.AddDays(1);
        Promotion[] promotions = [Promotion(9500, provider: "openai", starts: starts, ends: ends)];
        var model = Model("gpt-4o", "openai");

        Assert.False(PromotionalPricing.Quote(model, promotions, starts.AddTicks(-1)).IsDiscounted);
        Assert.True(PromotionalPricing.Quote(model, promotions, starts).IsDiscounted);
        Assert.True(PromotionalPricing.Quote(model, promotions, ends.AddTicks(-1)).IsDiscounted);
        Assert.False(PromotionalPricing.Quote(model, promotions, ends).IsDiscounted);
    }

    [Fact]
    public void A_running_promotion_beats_a_larger_one_that_has_not_started()
    {
        var running = Promotion(3000, provider: "openai", starts: Dec1, name: "running");
        var scheduled = Promotion(9000, provider: "openai", starts: Dec3.AddDays(1), ends: Dec3.AddDays(2), name: "scheduled");

        Assert.Equal("running", PromotionalPricing.Quote(Model("gpt-4o", "openai"), [scheduled, running], Dec3).PromotionName);
    }
}
