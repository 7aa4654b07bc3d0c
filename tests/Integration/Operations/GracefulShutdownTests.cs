using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using OmniaKey.IntegrationTests.Infrastructure;
using OmniaKey.Modules.Billing.Domain.Balances;
using OmniaKey.Modules.Billing.Infrastructure.Persistence;
using Xunit;

namespace OmniaKey.IntegrationTests.Operations;

/// <summary>
/// The stop signal during 20 live streams (docs/health-and-shutdown.md): new requests get 503 with <c>Retry-After</c>
/// while the health endpoints still answer; the streams that end within the drain window end with <c>[DONE]</c>, those
/// still running when it ends get an error event; every call is settled once and no hold is left. The app and the fake
/// upstream share a fake clock, so the drain window and the slow upstream take no real time.
/// </summary>
public sealed class GracefulShutdownTests : IAsyncLifetime
{
    private const int Streams = 20;
    private const int DrainSeconds = 30;
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    private readonly FakeTimeProvider clock = new(DateTimeOffset.UtcNow);
    private readonly FakeOpenAiServer upstream = new();
    private OmniaKeyAppFactory app = null!;

    public async Task InitializeAsync()
    {
        upstream.Clock = clock;
        await upstream.StartAsync();
        app = new OmniaKeyAppFactory(
            DatabaseKind.Postgres,
            upstream.BaseUrl,
            upstream.ApiKey,
            new Dictionary<string, string?> { ["Shutdown:DrainSeconds"] = DrainSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            services => services.AddSingleton<TimeProvider>(clock));
        await app.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await app.DisposeAsync();
        await upstream.DisposeAsync();
    }

    [Fact]
    public async Task Stopping_during_twenty_live_streams_refuses_new_calls_drains_the_streams_and_settles_each_once()
    {
        var admin = app.CreateAdminClient();
        var (accountId, token) = await app.CreateClient().SignUpAndLogInAsync(ApiClientExtensions.NewEmail("drain"));
        await admin.CreditAsync(accountId, "50");
        var key = await app.CreateBearerClient(token).CreateApiKeyAsync("drain");

        // Half the answers finish within the drain window (a piece a second), half would take hours.
        for (var i = 0; i < Streams; i++)
        {
            upstream.Enqueue(new FakeBehavior
            {
                Reply = new FakeReply(["one", " two", " three"], PromptTokens: 20, CompletionTokens: 3),
                DelayBetweenPieces = i < Streams / 2 ? TimeSpan.FromSeconds(1) : TimeSpan.FromHours(1),
            });
        }

        var streams = new List<LiveStream>();
        for (var i = 0; i < Streams; i++)
        {
            streams.Add(await LiveStream.OpenAsync(app.CreateBearerClient(key)));
        }

        // And one call that is not streamed, whose upstream never answers: still waiting when the window ends.
        var neverAnswered = new TaskCompletionSource();
        upstream.Enqueue(new FakeBehavior { Reply = new FakeReply(["late"], PromptTokens: 20, CompletionTokens: 1), AnswerWhen = neverAnswered.Task });
        using var waitingClient = app.CreateBearerClient(key);
        var waiting = waitingClient.PostAsync("/v1/chat/completions", LiveStream.Body(stream: false));
        await WaitUntilAsync(() => upstream.ChatRequests.Count == Streams + 1, TimeSpan.FromSeconds(10));
        Assert.Equal(Streams + 1, upstream.ChatRequests.Count);

        var lifetime = app.Services.GetRequiredService<IHostApplicationLifetime>();
        var stopped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lifetime.ApplicationStopped.Register(() => stopped.TrySetResult());
        var reading = streams.Select(s => s.ReadToEndAsync()).ToList();

        lifetime.StopApplication();

        await AssertRefusedWhileDrainingAsync(key, token);
        Assert.False(stopped.Task.IsCompleted, "the host must wait for the running streams");

        // The short answers end (a piece per second of the fake clock), well inside the drain window.
        // A short real pause a step lets the fake write its piece and wait for the next second.
        for (var second = 0; second < DrainSeconds - 5 && reading.Count(r => r.IsCompleted) < Streams / 2; second++)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(50);
        }

        await WaitUntilAsync(() => reading.Count(r => r.IsCompleted) == Streams / 2, TimeSpan.FromSeconds(10));
        Assert.Equal(Streams / 2, reading.Count(r => r.IsCompleted));
        Assert.False(stopped.Task.IsCompleted, "the host must wait for the streams still running");

        // The drain window ends: the streams still running are ended with an error event.
        clock.Advance(TimeSpan.FromSeconds(DrainSeconds));
        var bodies = await Task.WhenAll(reading).WaitAsync(Bound);
        using var waited = await waiting.WaitAsync(Bound);
        await stopped.Task.WaitAsync(Bound);

        // The call still waiting for its upstream is told to retry elsewhere, not that the provider timed out.
        Assert.Equal(HttpStatusCode.ServiceUnavailable, waited.StatusCode);
        Assert.Equal("5", waited.Headers.GetValues("Retry-After").Single());
        Assert.Equal("shutting_down", (await waited.ReadJsonNodeAsync())["error"]!["code"]!.GetValue<string>());
        var waitedId = waited.Headers.GetValues("x-request-id").Single();

        var completed = bodies.Where(b => b.Contains("data: [DONE]", StringComparison.Ordinal)).ToList();
        var cut = bodies.Where(b => b.Contains("\"shutting_down\"", StringComparison.Ordinal)).ToList();
        Assert.Equal(Streams / 2, completed.Count);
        Assert.Equal(Streams / 2, cut.Count);
        Assert.All(completed, b => Assert.Contains("one two three", Concatenated(b), StringComparison.Ordinal));
        Assert.All(cut, b => Assert.DoesNotContain("[DONE]", b, StringComparison.Ordinal));

        await AssertEachCallSettledOnceAsync(accountId, [.. streams.Select(s => s.RequestId), waitedId]);
    }

    private async Task AssertRefusedWhileDrainingAsync(string apiKey, string accessToken)
    {
        using var api = app.CreateBearerClient(apiKey);
        using var refused = await api.PostAsync("/v1/chat/completions", LiveStream.Body());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Equal("5", refused.Headers.GetValues("Retry-After").Single());
        Assert.Equal("gateway", refused.Headers.GetValues("x-omniakey-error-source").Single());
        var error = (await refused.ReadJsonNodeAsync())["error"]!;
        Assert.Equal("shutting_down", error["code"]!.GetValue<string>());
        Assert.Equal("server_error", error["type"]!.GetValue<string>());

        using var customer = app.CreateBearerClient(accessToken);
        using var console = await customer.GetAsync("/api/v1/keys");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, console.StatusCode);
        Assert.Equal("application/problem+json", console.Content.Headers.ContentType?.MediaType);
        Assert.Equal("shutting_down", (await console.ReadJsonNodeAsync())["code"]!.GetValue<string>());
        Assert.True(console.Headers.Contains("Retry-After"));

        using var anonymous = app.CreateClient();
        using var ready = await anonymous.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Equal("Unhealthy", (await ready.ReadJsonNodeAsync())["entries"]!["shutdown"]!["status"]!.GetValue<string>());
        using var live = await anonymous.GetAsync("/health/live");
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
    }

    /// <summary>Read through a second instance on the same database, since the first one has stopped.</summary>
    private async Task AssertEachCallSettledOnceAsync(Guid accountId, IReadOnlyList<string> requestIds)
    {
        await using var verifier = new OmniaKeyAppFactory(DatabaseKind.Postgres, upstream.BaseUrl, upstream.ApiKey, shareDatabaseOf: app);
        await verifier.InitializeAsync();
        await using var scope = verifier.Services.CreateAsyncScope();
        var billing = scope.ServiceProvider.GetRequiredService<BillingDbContext>();

        var records = await billing.UsageRecords.AsNoTracking().Where(r => r.AccountId == accountId).ToListAsync();
        Assert.Equal(requestIds.Order(StringComparer.Ordinal), records.Select(r => r.Id).Order(StringComparer.Ordinal));
        Assert.Equal(Streams / 2, records.Count(r => r.Status == "succeeded"));
        Assert.Equal(Streams / 2, records.Count(r => r.Status == "stream_interrupted"));
        Assert.All(records.Where(r => r.Status == "stream_interrupted"), r => Assert.True(r.Charged.IsPositive, "a cut stream is billed for its input and what was delivered"));
        Assert.Equal("upstream_timeout", Assert.Single(records, r => r.Id == requestIds[^1]).Status); // sent, so its input may be billed

        // The calls held from a balance lease (docs/adr/0048-balance-leases.md), or, once they recorded progress, from
        // reservations of their own: every one is closed, the leases given back on shutdown with the rest.
        var reservations = await billing.Reservations.AsNoTracking().Where(r => r.AccountId == accountId).ToListAsync();
        Assert.NotEmpty(reservations);
        Assert.All(reservations, r => Assert.Equal(ReservationStatus.Settled, r.Status));
        var balance = await billing.Balances.AsNoTracking().SingleAsync(b => b.AccountId == accountId);
        Assert.Equal(0, balance.ReservedNanoUsd);
    }

    private static string Concatenated(string body) =>
        string.Concat(body.Split('\n')
            .Where(line => line.StartsWith("data: {", StringComparison.Ordinal))
            .Select(line => JsonNode.Parse(line["data: ".Length..])!["choices"]?.AsArray().FirstOrDefault()?["delta"]?["content"]?.GetValue<string>()));

    private static async Task WaitUntilAsync(Func<bool> condition, TimeSpan bound)
    {
        var until = DateTime.UtcNow + bound;
        while (!condition() && DateTime.UtcNow < until)
        {
            await Task.Delay(10);
        }
    }

    /// <summary>A streamed call whose response has begun (the first event has arrived), read on demand.</summary>
    private sealed class LiveStream(HttpClient client, HttpResponseMessage response, StreamReader reader, string firstEvent)
    {
        public string RequestId { get; } = response.Headers.GetValues("x-request-id").Single();

        public static StringContent Body(bool stream = true) => new(
            new JsonObject
            {
                ["model"] = "gpt-4o",
                ["stream"] = stream,
                ["max_tokens"] = 50,
                ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = "Count to three" }),
            }.ToJsonString(),
            Encoding.UTF8,
            "application/json");

        public static async Task<LiveStream> OpenAsync(HttpClient client)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions") { Content = Body() };
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
            var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            await response.AssertStatusAsync(HttpStatusCode.OK);
            var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
            var first = await reader.ReadLineAsync().WaitAsync(Bound) ?? string.Empty;
            Assert.StartsWith("data: {", first, StringComparison.Ordinal);
            return new LiveStream(client, response, reader, first);
        }

        public async Task<string> ReadToEndAsync()
        {
            try
            {
                return firstEvent + "\n" + await reader.ReadToEndAsync();
            }
            finally
            {
                reader.Dispose();
                response.Dispose();
                client.Dispose();
            }
        }
    }
}
