using System.Text;
using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using OmniaKey.Domain.Money;
using OmniaKey.Modules.Billing.Contracts;
using OmniaKey.Modules.Keys.Domain.ApiKeys;
using OmniaKey.Modules.Routing.Domain.Catalog;
using OmniaKey.Modules.Routing.Domain.Pricing;
using OmniaKey.Modules.Routing.Infrastructure.Relay;

namespace OmniaKey.Benchmarks;

/// <summary>
/// The per-request CPU work the gateway adds on /v1 besides I/O: hashing the presented key for the cache look-up,
/// parsing and validating the body, estimating the hold, reading the upstream's usage and pricing the call.
/// Run: <c>dotnet run -c Release --project benchmarks/OmniaKey.Benchmarks -- --filter '*' --job short</c>.
/// </summary>
[MemoryDiagnoser]
public class HotPathBenchmarks
{
    private const string Body = """{"model":"gpt-4o","messages":[{"role":"system","content":"You are helpful."},{"role":"user","content":"Write a haiku about the sea."}],"max_tokens":200,"stream":true}""";
    private const string Usage = """{"prompt_tokens":1234,"completion_tokens":567,"total_tokens":1801,"prompt_tokens_details":{"cached_tokens":1024,"audio_tokens":0},"completion_tokens_details":{"reasoning_tokens":0,"audio_tokens":0,"accepted_prediction_tokens":0,"rejected_prediction_tokens":0}}""";
    private static readonly byte[] BodyBytes = Encoding.UTF8.GetBytes(Body);
    private static readonly TokenPrice Input = TokenPrice.PerMillion(Money.Parse("2.5"));
    private static readonly TokenPrice Output = TokenPrice.PerMillion(Money.Parse("10"));
    private static readonly string PresentedKey = ApiKeySecret.Generate().Value;
    private static readonly TokenUsage CallUsage = new(1234, 567, 1024, 0, 0);
    private static readonly CatalogModel Gpt4o = new()
    {
        Id = "gpt-4o",
        Provider = "openai",
        UpstreamModel = "gpt-4o",
        MaxOutputTokens = 16_384,
        InputPrice = Input,
        OutputPrice = Output,
        CacheReadPrice = TokenPrice.PerMillion(Money.Parse("1.25")),
        Enabled = true,
    };

    [Benchmark]
    public string HashPresentedKey() => ApiKeySecret.HashOf(PresentedKey);

    [Benchmark]
    public JsonNode? ParseRequestBody() => JsonNode.Parse(BodyBytes);

    [Benchmark]
    public bool ParseAndValidateRequest() => ChatRequest.Read(JsonNode.Parse(BodyBytes)).Request is not null;

    [Benchmark]
    public Money EstimateHold() => CallPricing.EstimateHold(ModelPrices.ListPricesOf(Gpt4o), BodyBytes.Length, 200);

    [Benchmark]
    public TokenUsage? ParseUpstreamUsage() => OpenAiUsage.Parse(JsonNode.Parse(Usage));

    [Benchmark]
    public Money PriceACall() => CallPricing.Cost(ModelPrices.ListPricesOf(Gpt4o), CallUsage);

    [Benchmark]
    public Money PriceTwoTokenKinds() => CostRounding.ToMoney(Input.ExactCostOf(1234) + Output.ExactCostOf(567));

    [Benchmark]
    public Money ParseMoney() => Money.Parse("12.345678901");

    [Benchmark]
    public string FormatMoney() => Money.FromNanoUsd(12_345_678_901).ToString();
}
