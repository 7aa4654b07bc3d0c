using System.Text.Json.Nodes;
using OmniaKey.Modules.Billing.Contracts;
using OmniaKey.Modules.Routing.Domain.Catalog;
using OmniaKey.Modules.Routing.Domain.Pricing;
using OmniaKey.Modules.Routing.Infrastructure.Relay;
using OmniaKey.Modules.Routing.Infrastructure.Usage;
using Xunit;

namespace OmniaKey.UnitTests.Routing;

/// <summary>
/// The fallback estimate when the provider reported no usage: every input part counts (text by the tokenizer, media
/// at the model's maximum), output is never below what was delivered, and what the provider did report stands.
/// </summary>
public sealed class UsageEstimatorTests
{
    private static readonly UsageEstimator Estimator = new();

    [Fact]
    public void Image_parts_are_charged_at_the_models_maximum_on_top_of_the_text()
    {
        var withImages = Request("""[{"type":"text","text":"What is in these pictures?"},{"type":"image_url","image_url":{"url":"https://example.com/a.png"}},{"type":"image_url","image_url":{"url":"https://example.com/b.png"}}]""");
        var media = new InputParts(0, Images: 2, Audios: 0, Files: 0).MediaTokens(new MediaInputLimits(1445, 0, 0));
        var textOnly = Estimator.Estimate(withImages, deliveredText: string.Empty, reported: null).InputTokens;

        var estimate = Estimator.Estimate(withImages with { MediaInputTokens = media }, "It is a cat.", reported: null);

        Assert.Equal(2 * 1445, media);
        Assert.Equal(textOnly + (2 * 1445), estimate.InputTokens);
        Assert.Equal(Estimator.Count("It is a cat."), estimate.OutputTokens);
    }

    [Fact]
    public void Reported_input_stands_and_output_is_never_below_what_was_delivered()
    {
        var request = Request("\"Hello\"") with { MediaInputTokens = 5000 };

        var estimate = Estimator.Estimate(request, "one two three four five", new TokenUsage(42, 1, 0, 0, 0));

        Assert.Equal(42, estimate.InputTokens);
        Assert.Equal(Estimator.Count("one two three four five"), estimate.OutputTokens);
    }

    private static ChatRequest Request(string content) =>
        ChatRequest.Read(JsonNode.Parse($$"""{"model":"gpt-4o","messages":[{"role":"user","content":{{content}}}]}""")).Request!;
}
