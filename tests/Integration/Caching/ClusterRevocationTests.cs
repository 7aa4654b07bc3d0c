using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using OmniaKey.Infrastructure.Caching.ClusterInvalidation;
using OmniaKey.IntegrationTests.Gateway;
using OmniaKey.IntegrationTests.Infrastructure;
using OmniaKey.Modules.Accounts.Infrastructure;
using OmniaKey.Modules.Keys.Domain.ApiKeys;
using OmniaKey.Modules.Keys.Infrastructure;
using Xunit;

namespace OmniaKey.IntegrationTests.Caching;

/// <summary>
/// Revocation and suspension everywhere, at once (docs/adr/0032-cluster-wide-invalidation.md): a change made through
/// instance A is refused by instance B on its next request once B received the signal (bounded at one second), and
/// B had the old answer cached (it served the key just before) and would never reload it on its own (fake clock).
/// </summary>
public sealed class ClusterRevocationTests(ClusterRevocationFixture fixture)
    : GatewayTestBase<ClusterRevocationFixture>(fixture), IClassFixture<ClusterRevocationFixture>
{
    private OmniaKeyAppFactory A => Fixture.App;

    private OmniaKeyAppFactory B => Fixture.Second;

    [Fact]
    public async Task A_key_revoked_through_one_instance_is_refused_by_the_other_on_its_next_request()
    {
        await AssertModelsAsync(HttpStatusCode.OK, ApiKey, A, B);
        var keyId = await KeyIdAsync();

        using var signal = SignalWatch.On(B, CachedApiKeyAuthenticator.Topic, ApiKeySecret.HashOf(ApiKey));
        using var revoke = await Customer.DeleteAsync($"/api/v1/keys/{keyId}");
        await revoke.AssertSuccessAsync();
        await signal.ArrivedAsync();

        await AssertModelsAsync(HttpStatusCode.Unauthorized, ApiKey, B, A);
    }

    [Fact]
    public async Task An_account_suspended_through_one_instance_is_refused_by_the_other_and_reactivation_reaches_it_too()
    {
        await AssertModelsAsync(HttpStatusCode.OK, ApiKey, A, B);

        using (var suspended = SignalWatch.On(B, CachedAccountDirectory.Topic, AccountId.ToString("N")))
        {
            (await Admin.PostAsync($"/admin/v1/accounts/{AccountId}/suspend", null)).EnsureSuccessStatusCode();
            await suspended.ArrivedAsync();
        }

        using var refused = await Get(B, ApiKey);
        await refused.AssertStatusAsync(HttpStatusCode.Forbidden);
        Assert.Equal("account_suspended", (await refused.ReadJsonNodeAsync())["error"]!["code"]!.GetValue<string>());
        await AssertModelsAsync(HttpStatusCode.Forbidden, ApiKey, A);

        using (var reactivated = SignalWatch.On(B, CachedAccountDirectory.Topic, AccountId.ToString("N")))
        {
            (await Admin.PostAsync($"/admin/v1/accounts/{AccountId}/reactivate", null)).EnsureSuccessStatusCode();
            await reactivated.ArrivedAsync();
        }

        await AssertModelsAsync(HttpStatusCode.OK, ApiKey, B, A);
    }

    [Fact]
    public async Task A_key_rotated_with_an_overlap_works_on_both_instances_until_the_window_ends_and_is_refused_after()
    {
        await AssertModelsAsync(HttpStatusCode.OK, ApiKey, A, B);
        var keyId = await KeyIdAsync();

        string replacement;
        using (var signal = SignalWatch.On(B, CachedApiKeyAuthenticator.Topic, ApiKeySecret.HashOf(ApiKey)))
        {
            replacement = await RotateAsync(keyId, new JsonObject { ["overlap_seconds"] = 60 });
            await signal.ArrivedAsync();
        }

        await AssertModelsAsync(HttpStatusCode.OK, ApiKey, B, A);
        await AssertModelsAsync(HttpStatusCode.OK, replacement, A, B);
        Fixture.Clock.Advance(TimeSpan.FromSeconds(59));
        await AssertModelsAsync(HttpStatusCode.OK, ApiKey, B, A);

        Fixture.Clock.Advance(TimeSpan.FromSeconds(1));
        await AssertModelsAsync(HttpStatusCode.Unauthorized, ApiKey, B, A);
        await AssertModelsAsync(HttpStatusCode.OK, replacement, A, B);
        using var listed = await Customer.GetAsync($"/api/v1/keys/{keyId}");
        Assert.Equal("expired", (await listed.ReadJsonNodeAsync())["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_key_rotated_without_an_overlap_is_refused_at_once_on_both_instances()
    {
        await AssertModelsAsync(HttpStatusCode.OK, ApiKey, A, B);
        var keyId = await KeyIdAsync();

        string replacement;
        using (var signal = SignalWatch.On(B, CachedApiKeyAuthenticator.Topic, ApiKeySecret.HashOf(ApiKey)))
        {
            replacement = await RotateAsync(keyId, body: null);
            await signal.ArrivedAsync();
        }

        await AssertModelsAsync(HttpStatusCode.Unauthorized, ApiKey, B, A);
        await AssertModelsAsync(HttpStatusCode.OK, replacement, B, A);
    }

    [Fact]
    public async Task A_model_added_through_one_instance_is_listed_by_the_other_on_its_next_request()
    {
        var modelId = $"omni-cluster-{Guid.NewGuid():N}"[..24];
        Assert.DoesNotContain(modelId, await ModelIdsAsync(B)); // B holds the catalogue, and its clock never moves

        using (var signal = SignalWatch.On(B, "snapshot:model catalogue", "*"))
        {
            using var created = await Admin.PostJsonAsync("/admin/v1/models", new
            {
                id = modelId,
                provider = "openai",
                upstream_model = "gpt-4o-mini",
                context_window = 128000,
                max_output_tokens = 4096,
                pricing = new { input_per_million_usd = "0.15", output_per_million_usd = "0.6", cache_read_per_million_usd = "0", cache_write_per_million_usd = "0" },
            });
            await created.AssertStatusAsync(HttpStatusCode.Created);
            await signal.ArrivedAsync();
        }

        Assert.Contains(modelId, await ModelIdsAsync(B));
    }

    [Theory]
    [InlineData("{\"overlap_seconds\": -1}", "overlap_seconds")]
    [InlineData("{\"overlap_seconds\": 86401}", "overlap_seconds")]
    [InlineData("{\"overlap_seconds\": \"60\"}", "overlap_seconds")]
    [InlineData("{\"overlap\": 60}", "overlap")]
    public async Task A_bad_rotation_body_is_refused_naming_the_field_and_changes_nothing(string body, string field)
    {
        var keyId = await KeyIdAsync();

        using var response = await Customer.PostAsync(
            $"/api/v1/keys/{keyId}/rotate", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        await response.AssertStatusAsync(HttpStatusCode.BadRequest);
        Assert.Contains(field, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await AssertModelsAsync(HttpStatusCode.OK, ApiKey, A, B);
        using var keys = await Customer.GetAsync("/api/v1/keys");
        Assert.Single((await keys.ReadJsonNodeAsync())["data"]!.AsArray());
    }

    /// <summary>
    /// Signals sent while an instance's listener is disconnected are lost, so a listener that reconnects makes its
    /// instance forget every cached key and status. Here the key is revoked behind the service's back (no signal at
    /// all): B keeps serving it from memory until its listener's backend is terminated; once the listener is back,
    /// B reads the key afresh and refuses it.
    /// </summary>
    [Fact]
    public async Task A_listener_whose_connection_is_killed_reconnects_and_evicts_everything_it_may_have_missed()
    {
        // The listener's first connection evicts everything too; wait for it, so that it cannot land mid-test.
        var listener = B.Services.GetRequiredService<PostgresClusterInvalidation>();
        var connectedBy = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (listener.Connections == 0 && DateTime.UtcNow < connectedBy)
        {
            await Task.Delay(20);
        }

        Assert.True(listener.Connections > 0, "the listener never connected");

        // A key of its own, whose creation signal (creating a key evicts its hash everywhere, in case it was cached as
        // unknown) has reached B: a late signal would evict B's entry mid-test, and the read after the revocation
        // below would then refuse the key for the wrong reason.
        string key;
        using (var created = SignalWatch.OnTopic(B, CachedApiKeyAuthenticator.Topic))
        {
            key = await Customer.CreateApiKeyAsync("reconnect");
            await created.ArrivedAsync(ApiKeySecret.HashOf(key));
        }

        await AssertModelsAsync(HttpStatusCode.OK, key, B);
        await using var db = new NpgsqlConnection(A.ConnectionString);
        await db.OpenAsync();
        await using (var revoke = new NpgsqlCommand("UPDATE keys.api_keys SET revoked_at = now() WHERE sha256 = $1", db))
        {
            revoke.Parameters.Add(new NpgsqlParameter { Value = ApiKeySecret.HashOf(key) });
            Assert.Equal(1, await revoke.ExecuteNonQueryAsync());
        }

        await AssertModelsAsync(HttpStatusCode.OK, key, B); // no signal: B still trusts its memory

        var connections = listener.Connections;
        await using (var kill = new NpgsqlCommand(
            "SELECT COUNT(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = current_database() AND application_name = $1", db))
        {
            kill.Parameters.Add(new NpgsqlParameter { Value = PostgresClusterInvalidation.ListenerName("omniakey-second-instance") });
            Assert.Equal(1L, await kill.ExecuteScalarAsync());
        }

        // Bounded: the first reconnect is attempted 250 ms after the loss.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (listener.Connections == connections && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        Assert.True(listener.Connections > connections, "the listener did not reconnect");
        await AssertModelsAsync(HttpStatusCode.Unauthorized, key, B);
    }

    private static async Task<HttpResponseMessage> Get(OmniaKeyAppFactory instance, string key)
    {
        using var client = instance.CreateBearerClient(key);
        return await client.GetAsync("/v1/models");
    }

    private async Task<List<string>> ModelIdsAsync(OmniaKeyAppFactory instance)
    {
        using var response = await Get(instance, ApiKey);
        await response.AssertStatusAsync(HttpStatusCode.OK);
        return [.. (await response.ReadJsonNodeAsync())["data"]!.AsArray().Select(m => m!["id"]!.GetValue<string>())];
    }

    private static async Task AssertModelsAsync(HttpStatusCode expected, string key, params OmniaKeyAppFactory[] instances)
    {
        foreach (var instance in instances)
        {
            using var response = await Get(instance, key);
            await response.AssertStatusAsync(expected);
        }
    }

    private async Task<string> KeyIdAsync()
    {
        using var keys = await Customer.GetAsync("/api/v1/keys");
        return Assert.Single((await keys.ReadJsonNodeAsync())["data"]!.AsArray())!["id"]!.GetValue<string>();
    }

    private async Task<string> RotateAsync(string keyId, JsonObject? body)
    {
        using var response = body is null
            ? await Customer.PostAsync($"/api/v1/keys/{keyId}/rotate", null)
            : await Customer.PostJsonAsync($"/api/v1/keys/{keyId}/rotate", body);
        await response.AssertStatusAsync(HttpStatusCode.Created);
        return (await response.ReadJsonNodeAsync())["key"]!.GetValue<string>();
    }
}
