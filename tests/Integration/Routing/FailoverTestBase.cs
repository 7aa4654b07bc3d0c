using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using OmniaKey.IntegrationTests.Gateway;
using OmniaKey.IntegrationTests.Infrastructure;
using Xunit;

namespace OmniaKey.IntegrationTests.Routing;

/// <summary>
/// The configured channel (<c>default-openai</c>, the fixture's fake upstream) is made the primary, and a second
/// fake upstream is added as a lower-priority backup channel through the admin API.
/// </summary>
public abstract class FailoverTestBase<TFixture>(TFixture fixture) : GatewayTestBase<TFixture>(fixture), IAsyncLifetime
    where TFixture : GatewayFixture
{
    protected FakeOpenAiServer Primary => Fixture.Upstream;

    protected FakeOpenAiServer Backup { get; } = new("sk-backup-upstream-key");

    protected Guid PrimaryChannelId { get; private set; }

    async Task IAsyncLifetime.InitializeAsync()
    {
        await InitializeAsync();
        Backup.Clock = Fixture.AppClock;
        await Backup.StartAsync();
        PrimaryChannelId = await ChannelIdAsync("default-openai");
        await (await Admin.PatchAsJsonAsync($"/admin/v1/channels/{PrimaryChannelId}", new { priority = 10 })).AssertSuccessAsync();
        await CreateChannelAsync("backup-openai", Backup.BaseUrl, Backup.ApiKey, priority: 0);
        await Admin.CreditAsync(AccountId, "5");
    }

    async Task IAsyncLifetime.DisposeAsync() => await Backup.DisposeAsync();

    protected async Task<Guid> CreateChannelAsync(string name, string baseUrl, string credential, int priority)
    {
        var response = await Admin.PostJsonAsync("/admin/v1/channels", new { name, provider = "openai", base_url = baseUrl, credential, priority });
        await response.AssertStatusAsync(HttpStatusCode.Created);
        return (await response.ReadJsonNodeAsync())["id"]!.GetValue<Guid>();
    }

    protected async Task<Guid> ChannelIdAsync(string name)
    {
        var list = await (await Admin.GetAsync("/admin/v1/channels")).ReadJsonNodeAsync();
        return list["data"]!.AsArray().Single(c => c!["name"]!.GetValue<string>() == name)!["id"]!.GetValue<Guid>();
    }

    protected static Task Eventually(Func<bool> condition) => Eventually(() => Task.FromResult(condition()));

    /// <summary>Waits (in real time) for something that happens asynchronously, e.g. the server noticing a disconnect.</summary>
    protected static async Task Eventually(Func<Task<bool>> condition)
    {
        for (var i = 0; i < 500; i++)
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(20);
        }

        Assert.Fail("The condition did not become true within 10 s.");
    }

    /// <summary>
    /// Moves the fake clock on in small steps until <paramref name="condition"/> holds: for what waits on the clock
    /// (a paced upstream stream, the progress interval) when the test cannot know how far each step gets.
    /// </summary>
    protected async Task AdvanceUntil(Func<Task<bool>> condition, TimeSpan? step = null)
    {
        for (var i = 0; i < 500; i++)
        {
            if (await condition())
            {
                return;
            }

            Fixture.Clock.Advance(step ?? TimeSpan.FromMilliseconds(100));
            await Task.Delay(20);
        }

        Assert.Fail("The condition did not become true within 500 steps of the fake clock.");
    }

    protected Task<HttpResponseMessage> ChatAsync(bool stream = false) =>
        ApiClient().PostJsonAsync("/v1/chat/completions", new JsonObject
        {
            ["model"] = "gpt-4o",
            ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = "Hello" }),
            ["stream"] = stream,
        });
}
