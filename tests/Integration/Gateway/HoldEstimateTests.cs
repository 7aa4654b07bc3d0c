using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using OmniaKey.Domain.Money;
using OmniaKey.IntegrationTests.Infrastructure;
using Xunit;

namespace OmniaKey.IntegrationTests.Gateway;

/// <summary>
/// The hold covers what the provider may bill (docs/adr/0015): every image part at the model's documented maximum,
/// not at the bytes of its URL; and a client's output limit above the model's is clamped in the request the upstream
/// receives, so the hold and the call agree.
/// </summary>
public abstract class HoldEstimateTests<TFixture> : GatewayTestBase<TFixture>
    where TFixture : AnthropicGatewayFixture
{
    private const int Gpt4oImageTokens = 1445;

    protected HoldEstimateTests(TFixture fixture)
        : base(fixture)
    {
        fixture.Anthropic.Reset();
    }

    [Fact]
    public async Task A_request_with_200_image_parts_and_a_1_dollar_balance_gets_402()
    {
        await Admin.CreditAsync(AccountId, "1");

        // 200 images x 1600 tokens fill claude-opus-4-1's 200k context: $3.75 held at the cache-write price. Counted
        // by the bytes of their URLs (about 9 KB) the prompt would have held $0.17, and the call would have run.
        using var response = await ApiClient().PostAsync("/v1/chat/completions", Json(ImageBody("claude-opus-4-1", images: 200)));

        await response.AssertStatusAsync(HttpStatusCode.PaymentRequired);
        Assert.Equal("insufficient_balance", (await response.ReadJsonNodeAsync())["error"]!["code"]!.GetValue<string>());
        Assert.Empty(Fixture.Anthropic.MessageRequests);
        var (available, reserved) = await Customer.GetBalanceAsync();
        Assert.Equal(Money.Parse("1"), Money.Parse(available));
        Assert.Equal("0", reserved);
        Assert.Empty(await UsageRecords.ListAsync(Fixture.App, AccountId));
    }

    [Fact]
    public async Task The_hold_counts_each_image_at_the_models_maximum_and_the_rest_of_the_body_by_its_bytes()
    {
        var body = ImageBody("gpt-4o", images: 10, maxTokens: 100);
        var hold = Gpt4oHold(body, images: 10, outputTokens: 100);
        await Admin.CreditAsync(AccountId, (hold - Money.FromNanoUsd(1)).ToString());

        using (var refused = await ApiClient().PostAsync("/v1/chat/completions", Json(body)))
        {
            await refused.AssertStatusAsync(HttpStatusCode.PaymentRequired);
        }

        await Admin.CreditAsync(AccountId, "0.000000001");
        using var response = await ApiClient().PostAsync("/v1/chat/completions", Json(body));

        await response.AssertStatusAsync(HttpStatusCode.OK);
        Assert.Single(Fixture.Upstream.ChatRequests);
        Assert.Equal(hold - CostOf(12, 5), await AvailableAsync());
    }

    [Fact]
    public async Task Fifty_parallel_image_heavy_calls_never_overdraw_and_write_nothing_off()
    {
        var body = ImageBody("gpt-4o", images: 10, maxTokens: 100);
        var hold = Gpt4oHold(body, images: 10, outputTokens: 100);
        var initial = Money.FromNanoUsd(hold.NanoUsd * 10);
        await Admin.CreditAsync(AccountId, initial.ToString());

        // The provider bills the images (10 x 1400 tokens here) that a per-byte hold (about 1,300 bytes) ignored.
        Fixture.Upstream.DefaultReply = new FakeReply(["Ten", " pictures", "."], PromptTokens: 14_000, CompletionTokens: 100);
        Fixture.Upstream.DelayBetweenPieces = TimeSpan.FromMilliseconds(50);
        var statuses = await Task.WhenAll(Enumerable.Range(0, 50).Select(async _ =>
        {
            using var client = ApiClient();
            using var response = await client.PostAsync("/v1/chat/completions", Json(body));
            return response.StatusCode;
        }));

        Assert.All(statuses, s => Assert.True(s is HttpStatusCode.OK or HttpStatusCode.PaymentRequired, $"unexpected {s}"));
        var succeeded = statuses.Count(s => s == HttpStatusCode.OK);
        Assert.InRange(succeeded, 10, 50);
        var cost = CostOf(14_000, 100);
        var (available, reserved) = await Customer.GetBalanceAsync();
        Assert.Equal("0", reserved);
        Assert.Equal(initial - Money.FromNanoUsd(cost.NanoUsd * succeeded), Money.Parse(available));
        Assert.False(Money.Parse(available).IsNegative);
        var records = await UsageRecords.ListAsync(Fixture.App, AccountId);
        Assert.Equal(succeeded, records.Count);
        Assert.All(records, r => Assert.Equal(cost, r.Charged)); // charged in full: nothing written off
    }

    [Fact]
    public async Task A_max_tokens_above_the_models_limit_is_clamped_in_what_each_provider_receives()
    {
        await Admin.CreditAsync(AccountId, "10");
        var gpt = new JsonObject
        {
            ["model"] = "gpt-4o",
            ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = "Hello" }),
            ["max_tokens"] = 1_000_000,
        };
        var claude = new JsonObject
        {
            ["model"] = "claude-sonnet-4-5",
            ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = "Hello" }),
            ["max_completion_tokens"] = 1_000_000,
        };

        using (var response = await ApiClient().PostAsync("/v1/chat/completions", Json(gpt)))
        {
            await response.AssertStatusAsync(HttpStatusCode.OK);
        }

        using (var response = await ApiClient().PostAsync("/v1/chat/completions", Json(claude)))
        {
            await response.AssertStatusAsync(HttpStatusCode.OK);
        }

        var openAi = Assert.Single(Fixture.Upstream.ChatRequests).Json!.AsObject();
        Assert.Equal(16_384, openAi["max_completion_tokens"]!.GetValue<long>());
        Assert.False(openAi.ContainsKey("max_tokens"));
        Assert.Equal(64_000, Assert.Single(Fixture.Anthropic.MessageRequests).Json!["max_tokens"]!.GetValue<long>());
    }

    private static JsonObject ImageBody(string model, int images, int? maxTokens = null)
    {
        var content = new JsonArray(new JsonObject { ["type"] = "text", ["text"] = "Describe these pictures." });
        for (var i = 0; i < images; i++)
        {
            content.Add(new JsonObject { ["type"] = "image_url", ["image_url"] = new JsonObject { ["url"] = $"https://example.com/p/{i}.png" } });
        }

        var body = new JsonObject
        {
            ["model"] = model,
            ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = content }),
        };
        if (maxTokens is { } max)
        {
            body["max_tokens"] = max;
        }

        return body;
    }

    /// <summary>The body's bytes less its image URLs (with their quotes), plus each image at gpt-4o's 1445 tokens.</summary>
    private static Money Gpt4oHold(JsonObject body, int images, long outputTokens)
    {
        var urlBytes = Enumerable.Range(0, images).Sum(i => $"https://example.com/p/{i}.png".Length + 2);
        var inputTokens = Encoding.UTF8.GetByteCount(body.ToJsonString()) - urlBytes + ((long)images * Gpt4oImageTokens);
        return CostRounding.ToMoney(Gpt4oInput.ExactCostOf(inputTokens) + Gpt4oOutput.ExactCostOf(outputTokens));
    }

    private static StringContent Json(JsonNode body) => new(body.ToJsonString(), Encoding.UTF8, "application/json");
}

public sealed class SqliteHoldEstimateTests(SqliteAnthropicGatewayFixture fixture)
    : HoldEstimateTests<SqliteAnthropicGatewayFixture>(fixture), IClassFixture<SqliteAnthropicGatewayFixture>;

public sealed class PostgresHoldEstimateTests(PostgresAnthropicGatewayFixture fixture)
    : HoldEstimateTests<PostgresAnthropicGatewayFixture>(fixture), IClassFixture<PostgresAnthropicGatewayFixture>;
