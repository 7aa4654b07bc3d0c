using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Npgsql;
using OmniaKey.IntegrationTests.Infrastructure;
using Xunit;

namespace OmniaKey.IntegrationTests.KeyRing;

/// <summary>
/// Runs alone: these tests start and stop several apps each, and Hangfire keeps process-wide state that apps starting
/// and stopping at the same moment in one test process can trip over (see AdminTokenStartupTests).
/// </summary>
[CollectionDefinition(nameof(KeyRingTestSupport), DisableParallelization = true)]
public sealed class KeyRingTestsRunAlone;

/// <summary>A temporary directory per test (certificates, each instance's own data directory) and the calls the tests make.</summary>
internal sealed class KeyRingTestSupport : IDisposable
{
    public string Root { get; } = Path.Combine(Path.GetTempPath(), "omniakey-tests", "key-ring-" + Guid.NewGuid().ToString("N"));

    /// <summary>The data directory (created if new) of an instance's own, so nothing but the database is shared.</summary>
    public string DataDirectory(string name) => Directory.CreateDirectory(Path.Combine(Root, name)).FullName;

    public string NewCertificate(string name, string password = TestKeyRingCertificates.Password, bool withPrivateKey = true) =>
        TestKeyRingCertificates.Create(Path.Combine(Root, name + ".pfx"), password, withPrivateKey);

    public static Dictionary<string, string?> CertificateSettings(string path) => new()
    {
        ["DataProtection:Certificate:Path"] = path,
        ["DataProtection:Certificate:Password"] = TestKeyRingCertificates.Password,
    };

    /// <summary>A chat completion through the app with <paramref name="apiKey"/>; returns the status.</summary>
    public static async Task<HttpStatusCode> ChatAsync(OmniaKeyAppFactory app, string apiKey)
    {
        using var client = app.CreateBearerClient(apiKey);
        var body = new JsonObject
        {
            ["model"] = "gpt-4o",
            ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = "Hello" }),
        }.ToJsonString();
        using var response = await client.PostAsync("/v1/chat/completions", new StringContent(body, Encoding.UTF8, "application/json"));
        return response.StatusCode;
    }

    /// <summary>Every key's XML as stored in the database's key ring.</summary>
    public static async Task<List<string>> StoredKeysAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT xml FROM dataprotection.keys", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var keys = new List<string>();
        while (await reader.ReadAsync())
        {
            keys.Add(reader.GetString(0));
        }

        return keys;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // Litter in the temp directory only.
        }
    }
}
