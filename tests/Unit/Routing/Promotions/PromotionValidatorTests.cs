using OmniaKey.Application;
using OmniaKey.Modules.Routing.Application.Promotions.CreatePromotion;
using OmniaKey.Modules.Routing.Application.Promotions.UpdatePromotion;
using Xunit;
using static OmniaKey.UnitTests.Routing.Promotions.PromotionTestData;

namespace OmniaKey.UnitTests.Routing.Promotions;

/// <summary>Every refusal names the field (as clients spell it) and says why.</summary>
public sealed class PromotionValidatorTests
{
    private static readonly CreatePromotionCommand Valid = new("GPT 95% off", "openai", "gpt-*", 9500, Dec1, Dec1.AddDays(7));

    [Fact]
    public void A_complete_promotion_is_valid()
    {
        Assert.Empty(Errors(Valid));
        Assert.Empty(Errors(Valid with { Provider = null }));
        Assert.Empty(Errors(Valid with { ModelPattern = null }));
        Assert.Empty(Errors(Valid with { DiscountBasisPoints = 1 }));
        Assert.Empty(Errors(Valid with { DiscountBasisPoints = 10000 }));
    }

    [Fact]
    public void Neither_provider_nor_pattern_is_refused_on_model_pattern() =>
        Assert.Contains("provider", Assert.Single(Errors(Valid with { Provider = null, ModelPattern = null }), e => e.Field == "model_pattern").Message);

    [Theory]
    [InlineData(null)]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(10001)]
    public void Discounts_outside_1_to_10000_basis_points_are_refused(int? basisPoints) =>
        Assert.Single(Errors(Valid with { DiscountBasisPoints = basisPoints }), e => e.Field == "discount_basis_points");

    [Fact]
    public void The_end_must_come_after_the_start()
    {
        Assert.Equal("must be after starts_at", Assert.Single(Errors(Valid with { EndsAt = Dec1 }), e => e.Field == "ends_at").Message);
        Assert.Single(Errors(Valid with { EndsAt = Dec1.AddTicks(-1) }), e => e.Field == "ends_at");
        Assert.Single(Errors(Valid with { StartsAt = null }), e => e.Field == "starts_at");
        Assert.Single(Errors(Valid with { EndsAt = null }), e => e.Field == "ends_at");
    }

    [Theory]
    [InlineData("mistral")]
    [InlineData("OpenAI")]
    [InlineData("")]
    public void Unknown_providers_are_refused(string provider) =>
        Assert.Contains("openai, anthropic, gemini", Assert.Single(Errors(Valid with { Provider = provider }), e => e.Field == "provider").Message);

    [Theory]
    [InlineData("GPT-*")]
    [InlineData("gpt *")]
    [InlineData("")]
    [InlineData("gpt-[45]")]
    public void Malformed_patterns_are_refused(string pattern) =>
        Assert.Contains(Errors(Valid with { ModelPattern = pattern }), e => e.Field == "model_pattern");

    [Fact]
    public void A_name_is_required() =>
        Assert.Single(Errors(Valid with { Name = "" }), e => e.Field == "name");

    [Fact]
    public void Replacing_applies_the_same_rules()
    {
        var replace = new UpdatePromotionCommand(Guid.NewGuid(), "x", null, null, 0, Dec1, Dec1);
        var fields = new UpdatePromotionCommandValidator().Validate(replace).Errors.Select(e => SnakeCase.Convert(e.PropertyName)).Distinct().Order();
        Assert.Equal(new[] { "discount_basis_points", "ends_at", "model_pattern" }, fields);
    }

    private static List<(string Field, string Message)> Errors(CreatePromotionCommand command) =>
        [.. new CreatePromotionCommandValidator().Validate(command).Errors.Select(e => (SnakeCase.Convert(e.PropertyName), e.ErrorMessage))];
}
