using System.Net;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OmniaKey.IntegrationTests.AbuseLimits;
using OmniaKey.IntegrationTests.Infrastructure;
using Xunit;

namespace OmniaKey.IntegrationTests.KeyRing;

/// <summary>
/// How start-up sets up the key ring: a database ring must be protected unless the development opt-out is set; a
/// certificate that cannot be used stops start-up naming the setting; SQLite keeps the file ring.
/// </summary>
[Collection(nameof(KeyRingTestSupport))]
public sealed class KeyRingStartupTests : IDisposable
{
    private const string NoUpstream = "http://127.0.0.1:9/v1";

    private readonly KeyRingTestSupport support = new();

    [Fact]
    public async Task On_postgres_without_a_certificate_start_up_fails_naming_the_keys_and_the_settings()
    {
        await using var app = new OmniaKeyAppFactory(DatabaseKind.Postgres, NoUpstream, "sk-unused", new Dictionary<string, string?>
        {
            ["DataProtection:Certificate:Path"] = "",
            ["DataProtection:Certificate:Password"] = "",
        });

        var error = await Assert.ThrowsAnyAsync<Exception>(app.InitializeAsync);

        var message = error.ToString();
        Assert.Contains("The Data Protection keys", message, StringComparison.Ordinal);
        Assert.Contains("DataProtection:Certificate:Path", message, StringComparison.Ordinal);
        Assert.Contains("DataProtection:AllowUnprotectedKeys=true", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task On_postgres_the_development_opt_out_starts_with_a_warning_and_the_keys_in_the_database_unencrypted()
    {
        var logs = new CapturingLoggerProvider();
        await using var app = new OmniaKeyAppFactory(DatabaseKind.Postgres, NoUpstream, "sk-unused", new Dictionary<string, string?>
        {
            ["DataProtection:Certificate:Path"] = "",
            ["DataProtection:Certificate:Password"] = "",
            ["DataProtection:AllowUnprotectedKeys"] = "true",
            ["Data:Directory"] = support.DataDirectory("data"),
            ["Logging:LogLevel:Microsoft.AspNetCore.DataProtection"] = "Debug",
        }, services => services.AddSingleton<ILoggerProvider>(logs));
        await app.InitializeAsync();

        Assert.Contains(logs.Entries, e => e.Contains("KeyRingStartup [Warning] DataProtection:AllowUnprotectedKeys is true", StringComparison.Ordinal));

        // The ring's table was there before Data Protection first read the ring, on this fresh database.
        Assert.DoesNotContain(logs.Entries, e => e.StartsWith("Microsoft.AspNetCore.DataProtection", StringComparison.Ordinal) && e.Contains("[Error]", StringComparison.Ordinal));
        Assert.Contains(logs.Entries, e => e.Contains("was loaded during application startup", StringComparison.Ordinal));

        using var response = await app.CreateAdminClient().GetAsync("/admin/v1/channels");
        await response.AssertStatusAsync(HttpStatusCode.OK);
        var key = Assert.Single(await KeyRingTestSupport.StoredKeysAsync(app.ConnectionString));
        Assert.Contains("<masterKey", key, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFiles(support.DataDirectory("data"), "key-*.xml", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task On_sqlite_the_keys_stay_in_the_data_directory_and_the_database_table_stays_empty()
    {
        await using var app = new OmniaKeyAppFactory(DatabaseKind.Sqlite, NoUpstream, "sk-unused");
        await app.InitializeAsync();

        var key = Assert.Single(Directory.GetFiles(Path.Combine(app.DataDirectory, "keys"), "key-*.xml"));
        Assert.Contains("<masterKey", await File.ReadAllTextAsync(key), StringComparison.Ordinal);
        await using var connection = new SqliteConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var command = new SqliteCommand("SELECT COUNT(*) FROM dataprotection_keys", connection);
        Assert.Equal(0L, (long)(await command.ExecuteScalarAsync())!);
    }

    [Fact]
    public async Task On_sqlite_a_configured_certificate_encrypts_the_file_ring()
    {
        await using var app = new OmniaKeyAppFactory(
            DatabaseKind.Sqlite, NoUpstream, "sk-unused", KeyRingTestSupport.CertificateSettings(support.NewCertificate("key-ring")));
        await app.InitializeAsync();

        var key = await File.ReadAllTextAsync(Assert.Single(Directory.GetFiles(Path.Combine(app.DataDirectory, "keys"), "key-*.xml")));
        Assert.Contains("encryptedSecret", key, StringComparison.Ordinal);
        Assert.DoesNotContain("<masterKey", key, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_certificate_file_stops_start_up_naming_the_setting_and_the_file()
    {
        var missing = Path.Combine(support.Root, "missing.pfx");

        var message = await StartUpFailureAsync(KeyRingTestSupport.CertificateSettings(missing));

        Assert.Contains($"DataProtection:Certificate:Path names '{missing}', which does not exist", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_certificate_with_the_wrong_password_stops_start_up_without_showing_the_password()
    {
        var path = support.NewCertificate("other-password", password: "another-password");

        var message = await StartUpFailureAsync(KeyRingTestSupport.CertificateSettings(path));

        Assert.Contains($"DataProtection:Certificate:Path '{path}' could not be read as a PFX", message, StringComparison.Ordinal);
        Assert.DoesNotContain(TestKeyRingCertificates.Password, message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_certificate_without_its_private_key_stops_start_up()
    {
        var path = support.NewCertificate("public-only", withPrivateKey: false);

        var message = await StartUpFailureAsync(KeyRingTestSupport.CertificateSettings(path));

        Assert.Contains($"DataProtection:Certificate:Path '{path}' has no private key", message, StringComparison.Ordinal);
    }

    public void Dispose() => support.Dispose();

    /// <summary>Certificate problems are found before the database is touched, so SQLite shows them as well as any.</summary>
    private static async Task<string> StartUpFailureAsync(Dictionary<string, string?> settings)
    {
        await using var app = new OmniaKeyAppFactory(DatabaseKind.Sqlite, NoUpstream, "sk-unused", settings);
        var error = await Assert.ThrowsAnyAsync<Exception>(app.InitializeAsync);
        return error.ToString();
    }
}
