using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using OmniaKey.Domain.Money;

namespace OmniaKey.Benchmarks;

/// <summary>
/// The per-request CPU work the gateway adds on /v1: parsing the request body and pricing the call.
/// Run: <c>dotnet run -c Release --project benchmarks/OmniaKey.Benchmarks -- --filter '*'</c>.
/// </summary>
[MemoryDiagnoser]
public class HotPathBenchmarks
{
    private const string Body = """{"model":"gpt-4o","messages":[{"role":"system","content":"You are helpful."},{"role":"user","content":"Write a haiku about the sea."}],"max_tokens":200,"stream":true}""";
    private static readonly TokenPrice Input = TokenPrice.PerMillion(Money.Parse("2.5"));
    private static readonly TokenPrice Output = TokenPrice.PerMillion(Money.Parse("10"));

    [Benchmark]
    public JsonNode? ParseRequestBody() => JsonNode.Parse(Body);

    [Benchmark]
    public Money PriceACall() => CostRounding.ToMoney(Input.ExactCostOf(1234) + Output.ExactCostOf(567));

    [Benchmark]
    public Money ParseMoney() => Money.Parse("12.345678901");

    [Benchmark]
    public string FormatMoney() => Money.FromNanoUsd(12_345_678_901).ToString();
}
