using System.Net;
using System.Text.Json.Nodes;
using OmniaKey.IntegrationTests.Gateway;
using OmniaKey.IntegrationTests.Infrastructure;
using Xunit;

namespace OmniaKey.IntegrationTests.Operators;

/// <summary>
/// Named admin tokens: created by an admin with the secret shown once, listed without it, recorded as the actor of
/// what they do, refused on the very next request once revoked, and validated like every other input.
/// </summary>
public abstract class AdminTokenTests<TFixture>(TFixture fixture) : GatewayTestBase<TFixture>(fixture)
    where TFixture : GatewayFixture
{
    [Fact]
    public async Task A_named_token_acts_as_its_name_in_the_audit_trail_and_its_secret_is_shown_once()
    {
        var name = UniqueName("alice");
        var (id, secret) = await CreateAsync(name);
        Assert.StartsWith("omk-admin-", secret, StringComparison.Ordinal);

        using var alice = AdminClient(secret);
        using (var suspend = await alice.PostAsync($"/admin/v1/accounts/{AccountId}/suspend", null))
        {
            await suspend.AssertSuccessAsync();
        }

        var byAlice = await EntriesAsync($"/admin/v1/audit?actor={name}");
        var entry = Assert.Single(byAlice);
        Assert.Equal("accounts.suspend", entry["action"]!.GetValue<string>());
        Assert.Equal(AccountId.ToString(), entry["target_id"]!.GetValue<string>());

        var creation = Assert.Single(await EntriesAsync($"/admin/v1/audit?action=admin-tokens.create&target_id={id}"));
        Assert.Equal("bootstrap", creation["actor"]!.GetValue<string>());
        Assert.Equal("[redacted]", creation["after"]!["token"]!.GetValue<string>());

        using var list = await Admin.GetAsync("/admin/v1/admin-tokens");
        await list.AssertStatusAsync(HttpStatusCode.OK);
        var listed = await list.Content.ReadAsStringAsync();
        Assert.DoesNotContain(secret, listed, StringComparison.Ordinal);
        var token = Assert.Single(JsonNode.Parse(listed)!["data"]!.AsArray(), t => t!["id"]!.GetValue<string>() == id)!;
        Assert.Equal((name, "active", "bootstrap"), (token["name"]!.GetValue<string>(), token["status"]!.GetValue<string>(), token["created_by"]!.GetValue<string>()));
        Assert.Null(token["token"]);
        Assert.StartsWith(token["prefix"]!.GetValue<string>(), secret, StringComparison.Ordinal);

        using var audit = await Admin.GetAsync("/admin/v1/audit?limit=200");
        Assert.DoesNotContain(secret, await audit.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_revoked_token_is_refused_on_its_next_request_and_a_token_can_create_and_revoke_others()
    {
        var (firstId, first) = await CreateAsync(UniqueName("ops"));
        using var ops = AdminClient(first);
        using var created = await ops.PostJsonAsync("/admin/v1/admin-tokens", new { name = UniqueName("bot") });
        await created.AssertStatusAsync(HttpStatusCode.Created);
        var bot = (await created.ReadJsonNodeAsync())["token"]!.GetValue<string>();
        using var botClient = AdminClient(bot);
        await (await botClient.GetAsync("/admin/v1/accounts")).AssertStatusAsync(HttpStatusCode.OK);

        using (var revoke = await botClient.PostAsync($"/admin/v1/admin-tokens/{firstId}/revoke", null))
        {
            await revoke.AssertStatusAsync(HttpStatusCode.OK);
            var revoked = await revoke.ReadJsonNodeAsync();
            Assert.Equal("revoked", revoked["status"]!.GetValue<string>());
            Assert.StartsWith("bot-", revoked["revoked_by"]!.GetValue<string>(), StringComparison.Ordinal);
        }

        await (await ops.GetAsync("/admin/v1/accounts")).AssertStatusAsync(HttpStatusCode.Unauthorized);
        await (await botClient.GetAsync("/admin/v1/accounts")).AssertStatusAsync(HttpStatusCode.OK);

        // Revoking again changes nothing; an unknown id is 404.
        await (await Admin.PostAsync($"/admin/v1/admin-tokens/{firstId}/revoke", null)).AssertStatusAsync(HttpStatusCode.OK);
        await (await Admin.PostAsync($"/admin/v1/admin-tokens/{Guid.NewGuid()}/revoke", null)).AssertStatusAsync(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("{}", "name")]
    [InlineData("{\"name\": \"\"}", "name")]
    [InlineData("{\"name\": \"Has Spaces\"}", "name")]
    [InlineData("{\"name\": \"bootstrap\"}", "name")]
    public async Task A_bad_name_is_refused_naming_the_field_and_creates_nothing(string body, string field)
    {
        var before = await CountAsync();
        using var response = await Admin.PostAsync("/admin/v1/admin-tokens", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        await response.AssertStatusAsync(HttpStatusCode.BadRequest);
        Assert.NotNull((await response.ReadJsonNodeAsync())["errors"]![field]);
        Assert.Equal(before, await CountAsync());
    }

    [Fact]
    public async Task A_taken_name_is_a_conflict_and_strangers_cannot_touch_tokens()
    {
        var name = UniqueName("carol");
        await CreateAsync(name);
        using (var again = await Admin.PostJsonAsync("/admin/v1/admin-tokens", new { name }))
        {
            await again.AssertStatusAsync(HttpStatusCode.Conflict);
            Assert.Equal("admin_token_name_taken", (await again.ReadJsonNodeAsync())["code"]!.GetValue<string>());
        }

        using var forged = AdminClient("omk-admin-" + new string('x', 43));
        await (await forged.GetAsync("/admin/v1/admin-tokens")).AssertStatusAsync(HttpStatusCode.Unauthorized);
        await (await Customer.GetAsync("/admin/v1/admin-tokens")).AssertStatusAsync(HttpStatusCode.Unauthorized);
        await (await Customer.PostJsonAsync("/admin/v1/admin-tokens", new { name = UniqueName("eve") })).AssertStatusAsync(HttpStatusCode.Unauthorized);
    }

    private static string UniqueName(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 9)];

    private HttpClient AdminClient(string token) => Fixture.App.CreateBearerClient(token);

    private async Task<(string Id, string Secret)> CreateAsync(string name)
    {
        using var response = await Admin.PostJsonAsync("/admin/v1/admin-tokens", new { name });
        await response.AssertStatusAsync(HttpStatusCode.Created);
        var created = await response.ReadJsonNodeAsync();
        Assert.Equal(name, created["name"]!.GetValue<string>());
        return (created["id"]!.GetValue<string>(), created["token"]!.GetValue<string>());
    }

    private async Task<int> CountAsync()
    {
        using var response = await Admin.GetAsync("/admin/v1/admin-tokens");
        await response.AssertStatusAsync(HttpStatusCode.OK);
        return (await response.ReadJsonNodeAsync())["data"]!.AsArray().Count;
    }

    private async Task<List<JsonObject>> EntriesAsync(string path)
    {
        using var response = await Admin.GetAsync(path);
        await response.AssertStatusAsync(HttpStatusCode.OK);
        return (await response.ReadJsonNodeAsync())["data"]!.AsArray().Select(e => e!.AsObject()).ToList();
    }
}

public sealed class SqliteAdminTokenTests(SqliteGatewayFixture fixture)
    : AdminTokenTests<SqliteGatewayFixture>(fixture), IClassFixture<SqliteGatewayFixture>;

public sealed class PostgresAdminTokenTests(PostgresGatewayFixture fixture)
    : AdminTokenTests<PostgresGatewayFixture>(fixture), IClassFixture<PostgresGatewayFixture>;
