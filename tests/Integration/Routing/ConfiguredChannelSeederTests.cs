using System.Net;
using System.Text.Json.Nodes;
using OmniaKey.IntegrationTests.Infrastructure;
using Xunit;

namespace OmniaKey.IntegrationTests.Routing;

/// <summary>
/// The channel configured under <c>Upstreams:OpenAI</c>, seeded at every start: a restart with the same address and
/// key leaves the row as it was (nothing is written, ADR 0051), and one with another address and key moves the channel
/// there, with the new key sent upstream.
/// </summary>
public sealed class ConfiguredChannelSeederTests
{
    private const string FirstKey = "sk-first-configured-upstream-key";
    private const string SecondKey = "sk-second-configured-upstream-key";

    [Fact]
    public async Task A_restart_with_the_same_upstream_changes_nothing_and_one_with_another_address_and_key_moves_the_channel()
    {
        await using var upstream = await FakeOpenAiServer.StartNewAsync(FirstKey);
        await using var moved = await FakeOpenAiServer.StartNewAsync(SecondKey);
        await using var first = new OmniaKeyAppFactory(DatabaseKind.Sqlite, upstream.BaseUrl, FirstKey);
        await first.InitializeAsync();
        var seeded = await ConfiguredChannelAsync(first);

        await using (var same = new OmniaKeyAppFactory(DatabaseKind.Sqlite, upstream.BaseUrl, FirstKey, shareDatabaseOf: first))
        {
            await same.InitializeAsync();
            Assert.Equal(seeded.ToJsonString(), (await ConfiguredChannelAsync(same)).ToJsonString());
        }

        await using var changed = new OmniaKeyAppFactory(DatabaseKind.Sqlite, moved.BaseUrl, SecondKey, shareDatabaseOf: first);
        await changed.InitializeAsync();
        var updated = await ConfiguredChannelAsync(changed);
        Assert.Equal(moved.BaseUrl, (string?)updated["base_url"]);
        Assert.Equal((string?)seeded["id"], (string?)updated["id"]);
        Assert.NotEqual((string?)seeded["updated_at"], (string?)updated["updated_at"]);

        var (accountId, session) = await changed.CreateClient().SignUpAndLogInAsync(ApiClientExtensions.NewEmail());
        await changed.CreateAdminClient().CreditAsync(accountId, "1");
        var apiKey = await changed.CreateBearerClient(session).CreateApiKeyAsync("seeded channel");
        using var response = await changed.CreateBearerClient(apiKey).PostJsonAsync(
            "/v1/chat/completions", new { model = "gpt-4o-mini", messages = new[] { new { role = "user", content = "Hi" } } });
        await response.AssertStatusAsync(HttpStatusCode.OK);
        Assert.Single(moved.ChatRequests);
        Assert.Empty(upstream.ChatRequests);
    }

    private static async Task<JsonNode> ConfiguredChannelAsync(OmniaKeyAppFactory app)
    {
        using var admin = app.CreateAdminClient();
        using var response = await admin.GetAsync("/admin/v1/channels");
        await response.AssertStatusAsync(HttpStatusCode.OK);
        var channels = (await response.ReadJsonNodeAsync())["data"]!.AsArray();
        return Assert.Single(channels, c => (string?)c!["name"] == "default-openai")!;
    }
}
