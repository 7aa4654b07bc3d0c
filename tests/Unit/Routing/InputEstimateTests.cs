using System.Text;
using System.Text.Json.Nodes;
using OmniaKey.Domain.Money;
using OmniaKey.Modules.Routing.Domain.Catalog;
using OmniaKey.Modules.Routing.Domain.Pricing;
using OmniaKey.Modules.Routing.Infrastructure.Persistence;
using OmniaKey.Modules.Routing.Infrastructure.Relay;
using Xunit;

namespace OmniaKey.UnitTests.Routing;

/// <summary>
/// The hold's input estimate (ADR 0015): text by its bytes, each image, audio or file part at the model's maximum
/// for its kind, never above the context window; and the output limit clamped to the model's.
/// </summary>
public sealed class InputEstimateTests
{
    private static readonly MediaInputLimits Limits = new(ImageTokens: 1445, AudioTokens: 20_000, FileTokens: 50_000);

    [Fact]
    public void Text_counts_a_token_per_byte_and_each_media_part_its_maximum()
    {
        var parts = new InputParts(TextBytes: 300, Images: 2, Audios: 1, Files: 1);

        Assert.Equal(300 + (2 * 1445) + 20_000 + 50_000, parts.EstimateTokens(Limits, contextWindow: 1_000_000));
        Assert.Equal(300, new InputParts(300, 0, 0, 0).EstimateTokens(Limits, 1_000_000));
    }

    [Fact]
    public void The_estimate_never_exceeds_the_context_window()
    {
        Assert.Equal(128_000, new InputParts(10, 200, 0, 0).EstimateTokens(Limits, contextWindow: 128_000));
        Assert.Equal(10 + (200L * 1445), new InputParts(10, 200, 0, 0).EstimateTokens(Limits, contextWindow: 0));
    }

    [Fact]
    public void Inline_media_payloads_are_counted_as_parts_not_as_bytes()
    {
        var image = "data:image/png;base64," + new string('A', 100_000);
        var audio = new string('B', 50_000);
        var file = new string('C', 70_000);
        var (body, bytes) = Parse(new JsonObject
        {
            ["model"] = "gpt-4o",
            ["messages"] = new JsonArray(
                new JsonObject { ["role"] = "system", ["content"] = "Be brief." },
                new JsonObject
                {
                    ["role"] = "user",
                    ["content"] = new JsonArray(
                        new JsonObject { ["type"] = "text", ["text"] = "What is in these?" },
                        new JsonObject { ["type"] = "image_url", ["image_url"] = new JsonObject { ["url"] = image, ["detail"] = "high" } },
                        new JsonObject { ["type"] = "image_url", ["image_url"] = new JsonObject { ["url"] = "https://example.com/a.png" } },
                        new JsonObject { ["type"] = "input_audio", ["input_audio"] = new JsonObject { ["data"] = audio, ["format"] = "wav" } },
                        new JsonObject { ["type"] = "file", ["file"] = new JsonObject { ["file_data"] = file, ["filename"] = "a.pdf" } }),
                }),
        });

        var (parts, param, error) = InputInventory.Take(body, bytes, RequestLimits.Default);

        Assert.Null(param);
        Assert.Null(error);
        var counted = Assert.NotNull(parts);
        Assert.Equal(2, counted.Images);
        Assert.Equal(1, counted.Audios);
        Assert.Equal(1, counted.Files);

        // Every byte but the three inline payloads (each with its two quotes) and the short URL still counts as text.
        var payloads = (image.Length + 2) + (audio.Length + 2) + (file.Length + 2) + ("https://example.com/a.png".Length + 2);
        Assert.Equal(bytes - payloads, counted.TextBytes);
        Assert.InRange(counted.TextBytes, 100, 1_000);
    }

    [Fact]
    public void Too_many_messages_are_refused_naming_messages()
    {
        var messages = new JsonArray();
        for (var i = 0; i < 11; i++)
        {
            messages.Add(new JsonObject { ["role"] = "user", ["content"] = "hi" });
        }

        var (body, bytes) = Parse(new JsonObject { ["model"] = "gpt-4o", ["messages"] = messages });

        var (parts, param, error) = InputInventory.Take(body, bytes, new RequestLimits(1_000_000, MaxMessages: 10, MaxContentParts: 100));

        Assert.Null(parts);
        Assert.Equal("messages", param);
        Assert.Contains("at most 10", error);
    }

    [Fact]
    public void Too_many_content_parts_in_all_are_refused_naming_the_message_that_passed_the_cap()
    {
        static JsonObject Message(int parts) => new()
        {
            ["role"] = "user",
            ["content"] = new JsonArray([.. Enumerable.Range(0, parts).Select(_ => (JsonNode)new JsonObject { ["type"] = "text", ["text"] = "x" })]),
        };

        var (body, bytes) = Parse(new JsonObject { ["model"] = "gpt-4o", ["messages"] = new JsonArray(Message(3), Message(3)) });
        var limits = new RequestLimits(1_000_000, MaxMessages: 10, MaxContentParts: 5);

        var (parts, param, _) = InputInventory.Take(body, bytes, limits);

        Assert.Null(parts);
        Assert.Equal("messages[1].content", param);
        Assert.NotNull(InputInventory.Take(body, bytes, limits with { MaxContentParts = 6 }).Parts);
    }

    [Fact]
    public void A_request_with_200_images_holds_their_documented_maximum_not_their_url_bytes()
    {
        var gpt4o = ModelCatalogSeeder.LoadDefaults().Single(m => m.Id == "gpt-4o");
        var parts = new InputParts(TextBytes: 12_000, Images: 200, Audios: 0, Files: 0);

        var hold = CallPricing.EstimateHold(ModelPrices.ListPricesOf(gpt4o), parts.EstimateTokens(gpt4o.MediaLimits, gpt4o.ContextWindow), 0);

        // 200 × 1445 tokens is above the 128k context window, so the whole window is held: 128,000 × $2.50/M.
        Assert.Equal(Money.Parse("0.32"), hold);
    }

    [Fact]
    public void Every_default_model_has_media_maxima_from_its_providers_documentation()
    {
        var models = ModelCatalogSeeder.LoadDefaults();

        Assert.All(models, m => Assert.True(m.ImageInputMaxTokens >= 1190, m.Id));
        Assert.All(models, m => Assert.Equal(m.ContextWindow, m.AudioInputMaxTokens));
        Assert.All(models, m => Assert.Equal(m.ContextWindow, m.FileInputMaxTokens));
        Assert.Equal(1445, models.Single(m => m.Id == "gpt-4o").ImageInputMaxTokens);
        Assert.Equal(48_169, models.Single(m => m.Id == "gpt-4o-mini").ImageInputMaxTokens);
        Assert.Equal(1600, models.Single(m => m.Id == "claude-sonnet-4-5").ImageInputMaxTokens);
        Assert.Equal(16 * 258, models.Single(m => m.Id == "gemini-2.5-flash").ImageInputMaxTokens);
    }

    [Theory]
    [InlineData("max_tokens")]
    [InlineData("max_completion_tokens")]
    public void An_output_limit_above_the_models_is_clamped_to_it_in_the_body_the_upstream_receives(string field)
    {
        var model = new CatalogModel { Id = "gpt-4o", Provider = "openai", UpstreamModel = "gpt-4o", ContextWindow = 128_000, MaxOutputTokens = 16_384 };
        var (request, _, _) = ChatRequest.Read(JsonNode.Parse($$"""{"model":"gpt-4o","messages":[{"role":"user","content":"Hi"}],"{{field}}":1000000}"""));

        var clamped = CallAdmission.ClampOutput(request!, model);

        Assert.Equal(16_384, clamped.MaxOutputTokens);
        Assert.Equal(16_384, clamped.Body["max_completion_tokens"]!.GetValue<long>());
        Assert.False(clamped.Body.ContainsKey("max_tokens"));
    }

    [Fact]
    public void An_output_limit_within_the_models_is_left_as_the_client_sent_it()
    {
        var model = new CatalogModel { Id = "gpt-4o", Provider = "openai", UpstreamModel = "gpt-4o", ContextWindow = 128_000, MaxOutputTokens = 16_384 };
        var (request, _, _) = ChatRequest.Read(JsonNode.Parse("""{"model":"gpt-4o","messages":[{"role":"user","content":"Hi"}],"max_tokens":16384}"""));

        var clamped = CallAdmission.ClampOutput(request!, model);

        Assert.Same(request, clamped);
        Assert.Equal(16_384, clamped.Body["max_tokens"]!.GetValue<long>());
        Assert.Null(CallAdmission.ClampOutput(ChatRequest.Read(JsonNode.Parse("""{"model":"gpt-4o","messages":[{"role":"user","content":"Hi"}]}""")).Request!, model).MaxOutputTokens);
    }

    /// <summary>Parses from bytes, as admission does, so string values are still backed by the parse.</summary>
    private static (JsonObject Body, long Bytes) Parse(JsonObject body)
    {
        var bytes = Encoding.UTF8.GetBytes(body.ToJsonString());
        return (JsonNode.Parse(bytes)!.AsObject(), bytes.Length);
    }
}
