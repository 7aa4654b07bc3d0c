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

    public void Dispose() => support.Dispose();

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
