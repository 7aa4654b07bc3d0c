using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OmniaKey.IntegrationTests.Gateway;
using OmniaKey.IntegrationTests.Infrastructure;
using OmniaKey.Modules.Billing.Application.Balances;
using OmniaKey.Modules.Billing.Domain.Ledger;
using OmniaKey.Modules.Billing.Infrastructure.Persistence;
using Xunit;

namespace OmniaKey.IntegrationTests.Telemetry;

/// <summary>
/// Issue 13's "done when" for observability: calls driven through the app with OpenTelemetry's in-memory exporter
/// show the request's trace (by its <c>x-request-id</c>), the upstream span with provider, channel and model, the
/// cost metric with exactly what the ledger charged, upstream errors counted per channel, and no key, password or
/// message content anywhere in what was exported. The Prometheus endpoint is the admin's only.
/// </summary>
public abstract class TelemetryTests<TFixture>(TFixture fixture) : GatewayTestBase<TFixture>(fixture)
    where TFixture : TelemetryGatewayFixture
{
    /// <summary>Words only this test's prompt and answer contain: neither may reach a span or a metric.</summary>
    private readonly string promptSecret = "prompt-" + Guid.NewGuid().ToString("N");
    private readonly string answerSecret = "answer-" + Guid.NewGuid().ToString("N");

    /// <summary>A model of this test's own, so that its metric points are told apart from other tests' in the process.</summary>
    private readonly string model = "telemetry-" + Guid.NewGuid().ToString("N")[..12];

    [Fact]
    public async Task Calls_are_traced_by_request_id_through_routing_upstream_and_billing_and_the_cost_metric_is_what_the_ledger_charged()
    {
        await Admin.CreditAsync(AccountId, "5");
        await CreateModelAsync();
        var channelId = await OpenAiChannelIdAsync();
        Fixture.Upstream.EnqueueReply(FakeReply.Text("Plain " + answerSecret, promptTokens: 1000, completionTokens: 200));
        Fixture.Upstream.EnqueueReply(new FakeReply(["Streamed ", answerSecret], PromptTokens: 300, CompletionTokens: 40));

        var plainId = await CallAsync(stream: false);
        var streamedId = await CallAsync(stream: true);

        var spans = await Fixture.Telemetry.SpansWhenAsync(s =>
            HasSettleSpanFor(s, plainId) && HasSettleSpanFor(s, streamedId));
        foreach (var (requestId, stream) in new[] { (plainId, false), (streamedId, true) })
        {
            var request = Assert.Single(spans, s => s.Kind == ActivityKind.Server && Tag(s, "omniakey.request_id") == requestId);
            Assert.Equal("/v1/chat/completions", Tag(request, "http.route"));
            var trace = spans.Where(s => s.TraceId == request.TraceId).ToList();

            var upstream = Assert.Single(trace, s => s.OperationName == "omniakey.upstream");
            Assert.Equal("openai", Tag(upstream, "omniakey.provider"));
            Assert.Equal(channelId, Tag(upstream, "omniakey.channel.id"));
            Assert.Equal(model, Tag(upstream, "omniakey.model"));
            Assert.Equal(stream.ToString(), Tag(upstream, "omniakey.stream"), ignoreCase: true);
            Assert.Equal("200", Tag(upstream, "omniakey.upstream.status_code"));

            var route = Assert.Single(trace, s => s.OperationName == "omniakey.route");
            Assert.Equal(route.SpanId, upstream.ParentSpanId);
            Assert.Equal(channelId, Tag(route, "omniakey.channel.id"));
            Assert.Equal("answered", Tag(route, "omniakey.route.outcome"));

            // HttpClient's own span sits under ours, and its URL carries no query string.
            var client = Assert.Single(trace, s => s.Kind == ActivityKind.Client && s.ParentSpanId == upstream.SpanId);
            Assert.DoesNotContain("?", Tag(client, "url.full") ?? string.Empty, StringComparison.Ordinal);

            var admission = Assert.Single(trace, s => s.OperationName == "omniakey.admission");
            Assert.Contains(trace, s => s.OperationName == "omniakey.billing.reserve" && s.ParentSpanId == admission.SpanId);
            Assert.Contains(trace, s => s.OperationName == "omniakey.billing.settle");
        }

        // The batch that settled a call links back to that call's trace.
        var settleBatches = spans.Where(s => s.OperationName == "omniakey.billing.batch" && Tag(s, "omniakey.billing.kind") == "settle");
        var plainTrace = spans.Single(s => s.Kind == ActivityKind.Server && Tag(s, "omniakey.request_id") == plainId).TraceId;
        Assert.Contains(settleBatches, b => b.Links.Any(l => l.Context.TraceId == plainTrace));

        var charged = await LedgerChargedNanoUsdAsync();
        Assert.True(charged > 0, "the calls were charged");
        var metrics = Fixture.Telemetry.FlushMetrics(Fixture.App.Services);
        Assert.Equal(charged, TelemetryCapture.Sum(metrics, "omniakey.billing.cost", ("omniakey.model", model), ("omniakey.provider", "openai")));
        Assert.Equal(1300, TelemetryCapture.Sum(metrics, "omniakey.billing.tokens", ("omniakey.model", model), ("omniakey.token.type", "input")));
        Assert.Equal(240, TelemetryCapture.Sum(metrics, "omniakey.billing.tokens", ("omniakey.model", model), ("omniakey.token.type", "output")));
        Assert.Equal(2, TelemetryCapture.Count(metrics, "omniakey.upstream.duration", ("omniakey.channel.id", channelId), ("omniakey.outcome", "answered")));
        Assert.Equal(2, TelemetryCapture.Count(metrics, "omniakey.upstream.time_to_first_byte", ("omniakey.channel.id", channelId)));
        Assert.Equal(2, TelemetryCapture.Count(metrics, "http.server.request.duration", ("http.route", "/v1/chat/completions"), ("omniakey.model", model), ("http.response.status_code", "200")));

        AssertNothingSecretExported(spans, metrics);
    }

    [Fact]
    public async Task An_upstream_error_is_counted_per_provider_and_channel_and_its_span_says_so()
    {
        await Admin.CreditAsync(AccountId, "5");
        await CreateModelAsync();
        var channelId = await OpenAiChannelIdAsync();
        Fixture.Upstream.EnqueueError(503, "server_error", null, "The upstream is overloaded: " + answerSecret);

        using var response = await ApiClient().PostAsync("/v1/chat/completions", ChatCompletionsTests<TFixture>.Json(Body(stream: false)));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var requestId = response.Headers.GetValues("x-request-id").Single();

        var spans = await Fixture.Telemetry.SpansWhenAsync(s => HasSettleSpanFor(s, requestId));
        var request = spans.Single(s => s.Kind == ActivityKind.Server && Tag(s, "omniakey.request_id") == requestId);
        var upstream = Assert.Single(spans, s => s.TraceId == request.TraceId && s.OperationName == "omniakey.upstream");
        Assert.Equal(ActivityStatusCode.Error, upstream.Status);
        Assert.Equal("503", Tag(upstream, "error.type"));

        var metrics = Fixture.Telemetry.FlushMetrics(Fixture.App.Services);
        Assert.Equal(1, TelemetryCapture.Sum(metrics, "omniakey.upstream.errors", ("omniakey.provider", "openai"), ("omniakey.channel.id", channelId), ("error.type", "503")));
        Assert.Equal(0, TelemetryCapture.Sum(metrics, "omniakey.billing.cost", ("omniakey.model", model)));
        AssertNothingSecretExported(spans, metrics);
    }

    [Fact]
    public async Task The_Prometheus_endpoint_wants_the_admin_token_and_exposes_our_metrics()
    {
        await Admin.CreditAsync(AccountId, "5");
        await CreateModelAsync();
        Fixture.Upstream.EnqueueReply(FakeReply.Text("Plain " + answerSecret));
        await CallAsync(stream: false);
        await Fixture.Telemetry.SpansWhenAsync(s => s.Any(x => x.OperationName == "omniakey.billing.settle" && Tag(x, "omniakey.model") == model));

        using (var anonymous = await Fixture.App.CreateClient().GetAsync("/metrics"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        }

        using (var customer = await Customer.GetAsync("/metrics"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, customer.StatusCode);
        }

        using var scraped = await Admin.GetAsync("/metrics");
        await scraped.AssertStatusAsync(HttpStatusCode.OK);
        Assert.StartsWith("text/plain", scraped.Content.Headers.ContentType?.MediaType ?? string.Empty, StringComparison.Ordinal);
        var text = await scraped.Content.ReadAsStringAsync();
        Assert.Contains("omniakey_billing_cost", text, StringComparison.Ordinal);
        Assert.Contains("omniakey_billing_tokens", text, StringComparison.Ordinal);
        Assert.Contains("omniakey_upstream_duration_seconds", text, StringComparison.Ordinal);
        Assert.Contains("omniakey_upstream_time_to_first_byte_seconds", text, StringComparison.Ordinal);
        Assert.Contains("omniakey_upstream_circuit_breaker_state", text, StringComparison.Ordinal);
        Assert.Contains("omniakey_billing_holds_in_flight", text, StringComparison.Ordinal);
        Assert.Contains("http_server_request_duration_seconds", text, StringComparison.Ordinal);
        Assert.Contains($"omniakey_model=\"{model}\"", text, StringComparison.Ordinal);
        Assert.DoesNotContain(ApiKey, text, StringComparison.Ordinal);
        Assert.DoesNotContain(Fixture.Upstream.ApiKey, text, StringComparison.Ordinal);
    }

    private void AssertNothingSecretExported(IReadOnlyList<Activity> spans, IReadOnlyList<OpenTelemetry.Metrics.MetricSnapshot> metrics)
    {
        var forbidden = new[]
        {
            ApiKey,
            Fixture.Upstream.ApiKey,
            OmniaKeyAppFactory.AdminToken,
            ApiClientExtensions.DefaultPassword,
            promptSecret,
            answerSecret,
            "@example.com",
        };
        var exported = TelemetryCapture.EveryExportedText(spans, metrics).ToList();
        Assert.NotEmpty(exported);
        foreach (var text in exported)
        {
            foreach (var secret in forbidden)
            {
                Assert.False(text.Contains(secret, StringComparison.Ordinal), $"exported telemetry carries a secret or content: {text}");
            }
        }
    }

    private async Task<string> CallAsync(bool stream)
    {
        using var response = await ApiClient().PostAsync("/v1/chat/completions", ChatCompletionsTests<TFixture>.Json(Body(stream)));
        await response.AssertStatusAsync(HttpStatusCode.OK);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains(answerSecret, body, StringComparison.Ordinal);
        return response.Headers.GetValues("x-request-id").Single();
    }

    private JsonObject Body(bool stream) => new()
    {
        ["model"] = model,
        ["stream"] = stream,
        ["max_tokens"] = 500,
        ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = "Tell me about " + promptSecret }),
    };

    private async Task CreateModelAsync()
    {
        using var created = await Admin.PostJsonAsync("/admin/v1/models", new
        {
            id = model,
            provider = "openai",
            upstream_model = "gpt-4o",
            context_window = 128000,
            max_output_tokens = 4096,
            pricing = new { input_per_million_usd = "2.5", output_per_million_usd = "10", cache_read_per_million_usd = "1.25", cache_write_per_million_usd = "0" },
        });
        await created.AssertStatusAsync(HttpStatusCode.Created);
    }

    private async Task<string> OpenAiChannelIdAsync()
    {
        using var response = await Admin.GetAsync("/admin/v1/channels");
        var channels = (await response.ReadJsonNodeAsync())["data"]!.AsArray();
        return channels.Single(c => c!["provider"]!.GetValue<string>() == "openai")!["id"]!.GetValue<string>();
    }

    /// <summary>What the ledger charged this test's account for usage, in nano-USD.</summary>
    private async Task<long> LedgerChargedNanoUsdAsync()
    {
        await using var scope = Fixture.App.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IPendingSettlements>().WaitForAccountAsync(AccountId, CancellationToken.None);
        var db = scope.ServiceProvider.GetRequiredService<BillingDbContext>();
        var usage = await db.LedgerEntries.AsNoTracking().Where(e => e.AccountId == AccountId && e.Type == LedgerEntryType.Usage).ToListAsync();
        return -usage.Sum(e => e.Amount.NanoUsd);
    }

    private static bool HasSettleSpanFor(IReadOnlyList<Activity> spans, string requestId)
    {
        var request = spans.FirstOrDefault(s => s.Kind == ActivityKind.Server && Tag(s, "omniakey.request_id") == requestId);
        return request is not null && spans.Any(s => s.TraceId == request.TraceId && s.OperationName == "omniakey.billing.settle");
    }

    private static string? Tag(Activity span, string key) => span.GetTagItem(key)?.ToString();
}

[Collection(TelemetryRunsAlone.Name)]
public sealed class SqliteTelemetryTests(SqliteTelemetryGatewayFixture fixture)
    : TelemetryTests<SqliteTelemetryGatewayFixture>(fixture), IClassFixture<SqliteTelemetryGatewayFixture>;

[Collection(TelemetryRunsAlone.Name)]
public sealed class PostgresTelemetryTests(PostgresTelemetryGatewayFixture fixture)
    : TelemetryTests<PostgresTelemetryGatewayFixture>(fixture), IClassFixture<PostgresTelemetryGatewayFixture>;
