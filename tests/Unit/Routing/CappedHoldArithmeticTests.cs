using System.Text.Json.Nodes;
using OmniaKey.Domain.Money;
using OmniaKey.Modules.Routing.Domain.Pricing;
using OmniaKey.Modules.Routing.Infrastructure.Relay;
using Xunit;

namespace OmniaKey.UnitTests.Routing;

/// <summary>How many output tokens a balance pays for (the capped hold), and how the cap is written into the request.</summary>
public sealed class CappedHoldArithmeticTests
{
    // gpt-4o: $2.50 input, $10 output per million tokens.
    private static readonly ModelPrices Gpt4o = new(
        TokenPrice.PerMillion(Money.Parse("2.5")),
        TokenPrice.PerMillion(Money.Parse("10")),
        TokenPrice.PerMillion(Money.Parse("1.25")),
        TokenPrice.Zero);

    [Theory]
    [InlineData(100, 16384, 1000)]
    [InlineData(100, 16384, 1)]
    [InlineData(5000, 128000, 77777)]
    [InlineData(1, 3, 2)]
    public void The_cap_is_the_largest_output_whose_hold_the_budget_covers(long bytes, long maxOutput, long tokensPaidFor)
    {
        var budget = CallPricing.EstimateHold(Gpt4o, bytes, tokensPaidFor);

        Assert.Equal(tokensPaidFor, CallPricing.AffordableOutputTokens(Gpt4o, bytes, maxOutput, budget));
        Assert.Equal(tokensPaidFor - 1, CallPricing.AffordableOutputTokens(Gpt4o, bytes, maxOutput, budget - Money.FromNanoUsd(1)));
    }

    [Fact]
    public void The_hold_of_the_cap_never_exceeds_the_budget_even_with_sub_nano_prices()
    {
        // $0.075 per million output: 13.3 tokens per nano-dollar, so rounding up decides the boundary.
        var cheap = new ModelPrices(TokenPrice.PerMillion(Money.Parse("0.0375")), TokenPrice.PerMillion(Money.Parse("0.075")), TokenPrice.Zero, TokenPrice.Zero);
        for (var nano = 1L; nano < 2_000; nano += 37)
        {
            var budget = Money.FromNanoUsd(nano);
            var cap = CallPricing.AffordableOutputTokens(cheap, 10, 1_000_000, budget);

            if (cap > 0)
            {
                Assert.True(CallPricing.EstimateHold(cheap, 10, cap) <= budget);
            }

            Assert.True(CallPricing.EstimateHold(cheap, 10, cap + 1) > budget);
        }
    }

    [Fact]
    public void A_budget_that_covers_the_maximum_gets_the_maximum_and_one_below_the_prompt_gets_nothing()
    {
        Assert.Equal(16384, CallPricing.AffordableOutputTokens(Gpt4o, 100, 16384, Money.Parse("5")));
        var promptOnly = CallPricing.EstimateHold(Gpt4o, 100, 0);
        Assert.Equal(0, CallPricing.AffordableOutputTokens(Gpt4o, 100, 16384, promptOnly));
        Assert.Equal(0, CallPricing.AffordableOutputTokens(Gpt4o, 100, 16384, promptOnly - Money.FromNanoUsd(1)));
        Assert.Equal(0, CallPricing.AffordableOutputTokens(Gpt4o, 100, 0, Money.Zero));
    }

    [Fact]
    public void Free_output_is_never_capped()
    {
        var freeOutput = Gpt4o with { Output = TokenPrice.Zero };
        var promptOnly = CallPricing.EstimateHold(freeOutput, 100, 0);

        Assert.Equal(16384, CallPricing.AffordableOutputTokens(freeOutput, 100, 16384, promptOnly));
    }

    [Fact]
    public void The_cap_goes_into_the_forwarded_body_and_the_request_adapters_read()
    {
        var body = JsonNode.Parse("""{"model":"gpt-4o","messages":[{"role":"user","content":"Hi"}],"temperature":0.2}""")!;
        var request = ChatRequest.Read(body).Request!;
        Assert.Null(request.MaxOutputTokens);

        var capped = request.WithOutputCap(321);

        Assert.Equal(321, capped.MaxOutputTokens);
        Assert.Equal(321, capped.Body["max_completion_tokens"]!.GetValue<long>());
        Assert.False(capped.Body.ContainsKey("max_tokens"));
        Assert.Equal(0.2, capped.Body["temperature"]!.GetValue<double>());
        Assert.Equal((request.Model, request.Stream, request.Choices), (capped.Model, capped.Stream, capped.Choices));
    }
}
