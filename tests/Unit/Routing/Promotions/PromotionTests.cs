using OmniaKey.Domain.Primitives;
using OmniaKey.Modules.Routing.Domain.Pricing;
using Xunit;
using static OmniaKey.UnitTests.Routing.Promotions.PromotionTestData;

namespace OmniaKey.UnitTests.Routing.Promotions;

public sealed class PromotionTests
{
    [Fact]
    public void Times_are_stored_in_utc_whatever_offset_they_were_given_in()
    {
        var startsInParis = new DateTimeOffset(2026, 12, 1, 1, 0, 0, TimeSpan.FromHours(1));
        var promotion = Promotion(5000, provider: "openai", starts: startsInParis, ends: startsInParis.AddDays(1));

        Assert.Equal(TimeSpan.Zero, promotion.StartsAt.Offset);
        Assert.Equal(Dec1, promotion.StartsAt);
        Assert.Equal(TimeSpan.Zero, promotion.EndsAt.Offset);
    }

    [Fact]
    public void A_promotion_without_provider_or_pattern_is_refused() =>
        Assert.Equal("promotion_without_target", Assert.Throws<BusinessRuleViolationException>(() => Promotion(5000)).Code);

    [Fact]
    public void A_promotion_must_end_after_it_starts()
    {
        var error = Assert.Throws<BusinessRuleViolationException>(() => Promotion(5000, provider: "openai", starts: Dec1, ends: Dec1));
        Assert.Equal("promotion_window_empty", error.Code);
    }

    [Fact]
    public void Status_follows_the_window()
    {
        var promotion = Promotion(5000, provider: "openai", starts: Dec1, ends: Dec1.AddDays(1));

        Assert.Equal("scheduled", promotion.StatusAt(Dec1.AddTicks(-1)));
        Assert.Equal("active", promotion.StatusAt(Dec1));
        Assert.Equal("ended", promotion.StatusAt(Dec1.AddDays(1)));
    }

    [Fact]
    public void Change_replaces_every_field()
    {
        var promotion = Promotion(5000, provider: "openai", name: "before");
        promotion.Change("after", null, "claude-*", new Discount(7000), Dec1.AddDays(1), Dec1.AddDays(2));

        Assert.Equal("after", promotion.Name);
        Assert.Null(promotion.Provider);
        Assert.Equal("claude-*", promotion.ModelPattern);
        Assert.Equal(7000, promotion.Discount.BasisPoints);
        Assert.Equal(Dec1.AddDays(1), promotion.StartsAt);
    }
}
