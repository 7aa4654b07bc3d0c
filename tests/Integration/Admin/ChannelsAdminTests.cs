using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OmniaKey.IntegrationTests.Gateway;
using OmniaKey.IntegrationTests.Infrastructure;
using OmniaKey.Modules.Routing.Infrastructure.Persistence;
using Xunit;

namespace OmniaKey.IntegrationTests.Admin;

public abstract class ChannelsAdminTests<TFixture>(TFixture fixture) : GatewayTestBase<TFixture>(fixture)
    where TFixture : GatewayFixture
{
    private const string Secret = "sk-ant-very-secret-credential-123";

    [Fact]
    public async Task A_channel_is_created_listed_updated_and_deleted_without_its_credential_ever_coming_back()
    {
        var created = await Admin.PostJsonAsync("/admin/v1/channels", new { name = "anthropic-eu", provider = "anthropic", credential = Secret, priority = 5, weight = 3, models = new[] { "claude-sonnet-4-5" } });
        await created.AssertStatusAsync(HttpStatusCode.Created);
        var channel = await created.ReadJsonNodeAsync();
        var id = channel["id"]!.GetValue<Guid>();
        Assert.Equal("https://api.anthropic.com", channel["base_url"]!.GetValue<string>());
        Assert.True(channel["has_credential"]!.GetValue<bool>());
        Assert.Equal(5, channel["priority"]!.GetValue<int>());

        var updated = await Admin.PatchAsJsonAsync($"/admin/v1/channels/{id}", new { weight = 7, enabled = false, credential = "sk-ant-rotated" });
        await updated.AssertSuccessAsync();
        var after = await (await Admin.GetAsync($"/admin/v1/channels/{id}")).ReadJsonNodeAsync();
        Assert.Equal(7, after["weight"]!.GetValue<int>());
        Assert.False(after["enabled"]!.GetValue<bool>());
        Assert.Equal(5, after["priority"]!.GetValue<int>());

        var listing = await (await Admin.GetAsync("/admin/v1/channels")).Content.ReadAsStringAsync();
        Assert.Contains("anthropic-eu", listing, StringComparison.Ordinal);
        Assert.DoesNotContain("sk-ant", listing, StringComparison.Ordinal);
        Assert.DoesNotContain(Fixture.Upstream.ApiKey, listing, StringComparison.Ordinal);

        await (await Admin.DeleteAsync($"/admin/v1/channels/{id}")).AssertStatusAsync(HttpStatusCode.NoContent);
        await (await Admin.GetAsync($"/admin/v1/channels/{id}")).AssertStatusAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Credentials_are_encrypted_at_rest()
    {
        await (await Admin.PostJsonAsync("/admin/v1/channels", new { name = "gemini-main", provider = "gemini", credential = Secret })).AssertSuccessAsync();

        await using var scope = Fixture.App.Services.CreateAsyncScope();
        var stored = await scope.ServiceProvider.GetRequiredService<RoutingDbContext>().Channels.AsNoTracking().SingleAsync(c => c.Name == "gemini-main");
        Assert.DoesNotContain(Secret, stored.EncryptedCredential, StringComparison.Ordinal);
        Assert.NotEmpty(stored.EncryptedCredential);
    }

    [Fact]
    public async Task Invalid_settings_are_refused_with_the_field_and_reason_and_nothing_is_created()
    {
        var response = await Admin.PostJsonAsync("/admin/v1/channels", new { name = "", provider = "mistral", base_url = "ftp://x", credential = "", priority = -1, weight = 0 });

        await response.AssertStatusAsync(HttpStatusCode.BadRequest);
        var text = await response.Content.ReadAsStringAsync();
        foreach (var field in new[] { "name", "provider", "base_url", "credential", "priority", "weight" })
        {
            Assert.Contains($"\"{field}\"", text, StringComparison.Ordinal);
        }

        var listing = await (await Admin.GetAsync("/admin/v1/channels")).ReadJsonNodeAsync();
        Assert.Single(listing["data"]!.AsArray()); // only the configured default-openai
    }

    [Fact]
    public async Task A_duplicate_name_is_a_conflict()
    {
        var response = await Admin.PostJsonAsync("/admin/v1/channels", new { name = "default-openai", provider = "openai", credential = "x" });

        await response.AssertStatusAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Customers_and_anonymous_callers_cannot_reach_channels()
    {
        await (await Customer.GetAsync("/admin/v1/channels")).AssertStatusAsync(HttpStatusCode.Unauthorized);
        await (await ApiClient().GetAsync("/admin/v1/channels")).AssertStatusAsync(HttpStatusCode.Unauthorized);
        await (await Fixture.App.CreateClient().GetAsync("/admin/v1/channels")).AssertStatusAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_disabled_channel_gets_no_calls()
    {
        await Admin.CreditAsync(AccountId, "1");
        var list = await (await Admin.GetAsync("/admin/v1/channels")).ReadJsonNodeAsync();
        var id = list["data"]![0]!["id"]!.GetValue<Guid>();
        await (await Admin.PatchAsJsonAsync($"/admin/v1/channels/{id}", new { enabled = false })).AssertSuccessAsync();

        var response = await ApiClient().PostJsonAsync("/v1/chat/completions", new { model = "gpt-4o", messages = new[] { new { role = "user", content = "Hi" } } });

        await response.AssertStatusAsync(HttpStatusCode.ServiceUnavailable);
        Assert.Empty(Fixture.Upstream.ChatRequests);
        Assert.Equal("1", (await Customer.GetBalanceAsync()).Available);
    }
}

public sealed class SqliteChannelsAdminTests(SqliteGatewayFixture fixture)
    : ChannelsAdminTests<SqliteGatewayFixture>(fixture), IClassFixture<SqliteGatewayFixture>;

public sealed class PostgresChannelsAdminTests(PostgresGatewayFixture fixture)
    : ChannelsAdminTests<PostgresGatewayFixture>(fixture), IClassFixture<PostgresGatewayFixture>;
