using System.Text.Json.Nodes;
using OmniaKey.Modules.Routing.Domain.Catalog;
using OmniaKey.Modules.Routing.Domain.Providers;
using OmniaKey.Modules.Routing.Infrastructure.Providers;
using OmniaKey.Modules.Routing.Infrastructure.Providers.Identity;
using OmniaKey.Modules.Routing.Infrastructure.Providers.OpenAi;
using OmniaKey.Modules.Routing.Infrastructure.Relay;
using Xunit;

namespace OmniaKey.UnitTests.Routing.Providers.OpenAi;

/// <summary>The OpenAI upstream body is built from an allow-list (docs/providers.md#openai-requests, ADR 0016).</summary>
public sealed class OpenAiRequestBodyTests
{
    private static readonly OpenAiAdapter Adapter = new();
    private static readonly UpstreamIdentities Identities = new(Enumerable.Range(0, 32).Select(i => (byte)i).ToArray());

    private static readonly CatalogModel Model = new()
    {
        Id = "gpt-4o",
        Provider = ProviderNames.OpenAi,
        UpstreamModel = "gpt-4o-2024-08-06",
        MaxOutputTokens = 16384,
        Enabled = true,
    };

    [Fact]
    public void Every_priced_field_is_forwarded_as_written_and_the_model_is_the_upstream_model()
    {
        const string Fields = """
            "max_completion_tokens":100,"max_tokens":90,"n":2,"stop":["x"],"temperature":0.5,"top_p":0.9,"seed":7,
            "presence_penalty":0.1,"frequency_penalty":0.2,"logit_bias":{"1":-100},"logprobs":true,"top_logprobs":3,
            "tools":[{"type":"function","function":{"name":"f"}}],"tool_choice":"auto","parallel_tool_calls":false,
            "functions":[{"name":"g"}],"function_call":"none","response_format":{"type":"json_object"},
            "reasoning_effort":"low","verbosity":"low","prediction":{"type":"content","content":"hi"},"service_tier":"default"
            """;
        var client = JsonNode.Parse(Body(Fields))!.AsObject();

        var body = Translate(Body(Fields));

        Assert.Equal("gpt-4o-2024-08-06", body["model"]!.GetValue<string>());
        foreach (var (name, value) in client)
        {
            if (name != "model")
            {
                Assert.True(JsonNode.DeepEquals(value, body[name]), $"{name} was not forwarded as written");
            }
        }

        Assert.Equal(client.Count, body.Count);
    }

    [Fact]
    public void Unknown_and_unpriced_fields_are_not_forwarded()
    {
        var body = Translate(Body("""
            "store":true,"metadata":{"k":"v"},"modalities":["text","audio"],"audio":{"voice":"alloy","format":"mp3"},
            "web_search_options":{},"prompt_cache_retention":"24h","some_future_field":1,"temperature":null
            """));

        Assert.Equal(["model", "messages"], body.Select(p => p.Key));
    }

    [Fact]
    public void Streams_always_ask_for_usage_and_nothing_else_in_stream_options()
    {
        var body = Translate(Body("""
            "stream":true,"stream_options":{"include_usage":false,"include_obfuscation":true}
            """));

        Assert.True(body["stream"]!.GetValue<bool>());
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"include_usage":true}"""), body["stream_options"]));
    }

    [Fact]
    public void A_stream_without_stream_options_gets_them()
    {
        var body = Translate(Body("\"stream\":true"));

        Assert.True(body["stream_options"]!["include_usage"]!.GetValue<bool>());
    }

    [Fact]
    public void End_user_identifiers_are_replaced_by_the_accounts_pseudonym()
    {
        var account = Guid.NewGuid();
        var identity = Identities.For(account);

        var body = Translate(Body("""
            "user":"alice@example.com","safety_identifier":"alice","prompt_cache_key":"chat-1"
            """), account);

        Assert.Equal(identity.EndUserId, body["user"]!.GetValue<string>());
        Assert.Equal(identity.EndUserId, body["safety_identifier"]!.GetValue<string>());
        Assert.Equal(identity.Scoped("prompt_cache_key", "chat-1"), body["prompt_cache_key"]!.GetValue<string>());
        Assert.DoesNotContain("alice", body.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain("chat-1", body.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Identifiers_the_client_did_not_send_are_not_added_and_none_are_forwarded_without_an_identity()
    {
        Assert.Null(Translate(Body(), Guid.NewGuid())["user"]);

        var anonymous = Translate(Body("\"user\":\"alice\",\"prompt_cache_key\":\"k\""));
        Assert.Null(anonymous["user"]);
        Assert.Null(anonymous["prompt_cache_key"]);
    }

    [Theory]
    [InlineData("\"priority\"")]
    [InlineData("\"flex\"")]
    [InlineData("\"scale\"")]
    [InlineData("\"Priority\"")]
    [InlineData("true")]
    public void A_service_tier_other_than_auto_or_default_is_refused_naming_it(string tier)
    {
        var error = Assert.Throws<RequestTranslationException>(() => Translate(Body($"\"service_tier\":{tier}")));

        Assert.Equal("service_tier", error.Param);
    }

    [Theory]
    [InlineData("auto")]
    [InlineData("default")]
    public void The_standard_service_tiers_are_forwarded(string tier) =>
        Assert.Equal(tier, Translate(Body($"\"service_tier\":\"{tier}\""))["service_tier"]!.GetValue<string>());

    [Fact]
    public void The_allow_list_and_the_rewritten_fields_do_not_overlap() =>
        Assert.Empty(OpenAiRequestBody.Forwarded.Intersect(OpenAiRequestBody.Rewritten));

    [Fact]
    public void Bodies_built_one_after_another_on_one_thread_share_nothing()
    {
        // The writer and its buffer are reused per thread (ADR 0022): a large body, one past the size kept, then small ones.
        var large = new string('x', 100_000);
        var first = Translate(Body($"\"temperature\":0.5,\"stop\":\"{large}\""));
        var second = Translate(Body());
        var third = Translate(Body("\"seed\":3"));

        Assert.Equal(large, first["stop"]!.GetValue<string>());
        Assert.Equal(["model", "messages"], second.Select(p => p.Key));
        Assert.Equal(["model", "messages", "seed"], third.Select(p => p.Key));
    }

    private static string Body(string extra = "") =>
        $$"""{"model":"gpt-4o","messages":[{"role":"user","content":"Hello","name":"x"}]{{(extra.Length > 0 ? "," + extra : "")}}}""";

    private static JsonObject Translate(string json, Guid? account = null)
    {
        var (request, param, error) = ChatRequest.Read(JsonNode.Parse(json));
        Assert.True(request is not null, $"test request is invalid: {param}: {error}");
        if (account is { } id)
        {
            request = request! with { Identity = Identities.For(id) };
        }

        return JsonNode.Parse(Adapter.Translate(request!, Model).Body)!.AsObject();
    }
}
