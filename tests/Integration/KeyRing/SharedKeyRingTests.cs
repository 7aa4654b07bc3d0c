using System.Net;
using OmniaKey.IntegrationTests.Infrastructure;
using Xunit;

namespace OmniaKey.IntegrationTests.KeyRing;

/// <summary>
/// Two instances of the service on one PostgreSQL database, each with a data directory of its own, share the Data
/// Protection key ring through the database (docs/key-ring.md): what one encrypts or signs, the other reads, and
/// instances started afresh still read all of it.
/// </summary>
[Collection(nameof(KeyRingTestSupport))]
public sealed class SharedKeyRingTests : IDisposable
{
    private const string AdminEnteredCredential = "sk-admin-entered-upstream-credential";

    private readonly KeyRingTestSupport support = new();

    [Fact]
    public async Task A_channel_and_a_session_from_one_instance_work_on_the_other_and_on_both_after_a_restart()
    {
        await using var upstream = await FakeOpenAiServer.StartNewAsync(AdminEnteredCredential);
        var certificate = support.NewCertificate("key-ring");

        // No channel comes from configuration (empty upstream key): the only one is entered through the admin API.
        // The first instance owns the test database, so it runs to the end; the "restarted" pair are fresh instances.
        await using var first = Instance(upstream, certificate, "first");
        await first.InitializeAsync();
        await using var second = Instance(upstream, certificate, "second", shareDatabaseOf: first);
        await second.InitializeAsync();

        using (var admin = first.CreateAdminClient())
        {
            using var created = await admin.PostJsonAsync("/admin/v1/channels", new { name = "admin-openai", provider = "openai", base_url = upstream.BaseUrl, credential = AdminEnteredCredential });
            await created.AssertStatusAsync(HttpStatusCode.Created);
        }

        // A session issued by the first instance is accepted by the second, which creates the customer's API key.
        var (accountId, session) = await first.CreateClient().SignUpAndLogInAsync(ApiClientExtensions.NewEmail());
        string apiKey;
        using (var customerOnSecond = second.CreateBearerClient(session))
        {
            apiKey = await customerOnSecond.CreateApiKeyAsync("key-ring test");
        }

        await first.CreateAdminClient().CreditAsync(accountId, "10");

        Assert.Equal(HttpStatusCode.OK, await KeyRingTestSupport.ChatAsync(second, apiKey));
        Assert.Single(upstream.ChatRequests);

        // Nothing but the database is shared: neither data directory holds a key of the ring.
        Assert.Empty(Directory.EnumerateFiles(support.DataDirectory("first"), "key-*.xml", SearchOption.AllDirectories));
        Assert.Empty(Directory.EnumerateFiles(support.DataDirectory("second"), "key-*.xml", SearchOption.AllDirectories));

        // Both "restarted": new processes with empty data directories, the same database and certificate.
        await second.DisposeAsync();
        await using var firstAgain = Instance(upstream, certificate, "first-again", shareDatabaseOf: first);
        await firstAgain.InitializeAsync();
        await using var secondAgain = Instance(upstream, certificate, "second-again", shareDatabaseOf: first);
        await secondAgain.InitializeAsync();

        Assert.Equal(HttpStatusCode.OK, await KeyRingTestSupport.ChatAsync(firstAgain, apiKey));
        Assert.Equal(HttpStatusCode.OK, await KeyRingTestSupport.ChatAsync(secondAgain, apiKey));
        Assert.Equal(3, upstream.ChatRequests.Count);
        using (var customer = secondAgain.CreateBearerClient(session))
        {
            await (await customer.GetAsync("/api/v1/balance")).AssertStatusAsync(HttpStatusCode.OK);
        }

        // One ring for all four instances, each key's secret encrypted with the certificate.
        var keys = await KeyRingTestSupport.StoredKeysAsync(first.ConnectionString);
        var key = Assert.Single(keys);
        Assert.Contains("encryptedSecret", key, StringComparison.Ordinal);
        Assert.DoesNotContain("<masterKey", key, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Starting_a_second_instance_leaves_the_configured_channels_credentials_as_the_first_wrote_them()
    {
        await using var upstream = await FakeOpenAiServer.StartNewAsync();
        var certificate = support.NewCertificate("key-ring");
        await using var first = Instance(upstream, certificate, "first", upstreamKey: upstream.ApiKey);
        await first.InitializeAsync();
        var before = await ConfiguredCredentialAsync(first.ConnectionString);

        await using var second = Instance(upstream, certificate, "second", upstreamKey: upstream.ApiKey, shareDatabaseOf: first);
        await second.InitializeAsync();

        Assert.Equal(before, await ConfiguredCredentialAsync(first.ConnectionString));
    }

    [Fact]
    public async Task Two_instances_starting_together_on_a_new_database_both_start_with_one_key_and_one_set_of_seed_rows()
    {
        await using var upstream = await FakeOpenAiServer.StartNewAsync();
        var certificate = support.NewCertificate("key-ring");
        await using var first = Instance(upstream, certificate, "first", upstreamKey: upstream.ApiKey);
        await using var second = Instance(upstream, certificate, "second", upstreamKey: upstream.ApiKey, shareDatabaseOf: first);

        // The second starts as soon as the first has created the empty database, while the first is still starting.
        var starting = first.InitializeAsync();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!HasDatabase(first) && !starting.IsCompleted && DateTime.UtcNow < deadline)
        {
            await Task.Delay(5);
        }

        await Task.WhenAll(starting, second.InitializeAsync());

        Assert.Single(await KeyRingTestSupport.StoredKeysAsync(first.ConnectionString));
        Assert.Equal(1L, await ScalarAsync(first.ConnectionString, "SELECT COUNT(*) FROM routing.channels"));
        var (onFirst, onSecond) = await ChatOnEachAsync(first, second);
        Assert.Equal(HttpStatusCode.OK, onFirst);
        Assert.Equal(HttpStatusCode.OK, onSecond);
    }

    [Fact]
    public async Task After_a_certificate_rotation_the_previous_certificate_still_decrypts_the_keys_it_protected()
    {
        await using var upstream = await FakeOpenAiServer.StartNewAsync(AdminEnteredCredential);
        var retired = support.NewCertificate("retired");
        var current = support.NewCertificate("current");
        await using var first = Instance(upstream, retired, "first");
        await first.InitializeAsync();
        using (var created = await first.CreateAdminClient().PostJsonAsync("/admin/v1/channels", new { name = "admin-openai", provider = "openai", base_url = upstream.BaseUrl, credential = AdminEnteredCredential }))
        {
            await created.AssertStatusAsync(HttpStatusCode.Created);
        }

        var (accountId, session) = await first.CreateClient().SignUpAndLogInAsync(ApiClientExtensions.NewEmail());
        var apiKey = await first.CreateBearerClient(session).CreateApiKeyAsync("rotation");
        await first.CreateAdminClient().CreditAsync(accountId, "10");

        var rotated = KeyRingTestSupport.CertificateSettings(current);
        rotated["DataProtection:Certificate:Previous:0:Path"] = retired;
        rotated["DataProtection:Certificate:Previous:0:Password"] = TestKeyRingCertificates.Password;
        rotated["Data:Directory"] = support.DataDirectory("rotated");
        await using var afterRotation = new OmniaKeyAppFactory(DatabaseKind.Postgres, upstream.BaseUrl, "", rotated, shareDatabaseOf: first);
        await afterRotation.InitializeAsync();
        Assert.Equal(HttpStatusCode.OK, await KeyRingTestSupport.ChatAsync(afterRotation, apiKey));

        // Without the retired certificate the ring's key cannot be read, and neither can the credential it encrypted.
        await using var withoutPrevious = Instance(upstream, current, "without-previous", shareDatabaseOf: first);
        await withoutPrevious.InitializeAsync();
        Assert.Equal(HttpStatusCode.ServiceUnavailable, await KeyRingTestSupport.ChatAsync(withoutPrevious, apiKey));
    }

    public void Dispose() => support.Dispose();

    private static bool HasDatabase(OmniaKeyAppFactory app)
    {
        try
        {
            return app.ConnectionString.Length > 0;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static async Task<(HttpStatusCode OnFirst, HttpStatusCode OnSecond)> ChatOnEachAsync(OmniaKeyAppFactory first, OmniaKeyAppFactory second)
    {
        var (accountId, session) = await first.CreateClient().SignUpAndLogInAsync(ApiClientExtensions.NewEmail());
        var apiKey = await second.CreateBearerClient(session).CreateApiKeyAsync("both");
        await first.CreateAdminClient().CreditAsync(accountId, "10");
        return (await KeyRingTestSupport.ChatAsync(first, apiKey), await KeyRingTestSupport.ChatAsync(second, apiKey));
    }

    private static async Task<long> ScalarAsync(string connectionString, string sql)
    {
        await using var connection = new Npgsql.NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private OmniaKeyAppFactory Instance(
        FakeOpenAiServer upstream, string certificate, string name, string upstreamKey = "", OmniaKeyAppFactory? shareDatabaseOf = null)
    {
        var settings = KeyRingTestSupport.CertificateSettings(certificate);
        settings["Data:Directory"] = support.DataDirectory(name);
        return new OmniaKeyAppFactory(DatabaseKind.Postgres, upstream.BaseUrl, upstreamKey, settings, shareDatabaseOf: shareDatabaseOf);
    }

    private static async Task<string> ConfiguredCredentialAsync(string connectionString)
    {
        await using var connection = new Npgsql.NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand("SELECT encrypted_credential FROM routing.channels WHERE name = 'default-openai'", connection);
        return (string)(await command.ExecuteScalarAsync())!;
    }
}
