using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using OmniaKey.Infrastructure.Persistence;
using OmniaKey.Modules.Keys.Domain.ApiKeys;

namespace OmniaKey.Modules.Keys.Infrastructure.Persistence;

internal abstract class KeysDbContext(DbContextOptions options) : ModuleDbContext(options)
{
    public const string SchemaName = "keys";

    public override string Schema => SchemaName;

    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();
}

internal sealed class SqliteKeysDbContext(DbContextOptions<SqliteKeysDbContext> options) : KeysDbContext(options);

internal sealed class PostgresKeysDbContext(DbContextOptions<PostgresKeysDbContext> options) : KeysDbContext(options);

internal sealed class SqlServerKeysDbContext(DbContextOptions<SqlServerKeysDbContext> options) : KeysDbContext(options);

internal sealed class ApiKeyConfiguration : IEntityTypeConfiguration<ApiKey>
{
    public void Configure(EntityTypeBuilder<ApiKey> builder)
    {
        builder.ToTable("api_keys");
        builder.HasKey(k => k.Id);
        builder.Property(k => k.Id).HasColumnName("id").ValueGeneratedNever();
        builder.Property(k => k.AccountId).HasColumnName("account_id");
        builder.Property(k => k.Name).HasColumnName("name").HasMaxLength(100);
        builder.Property(k => k.Hash).HasColumnName("sha256").HasMaxLength(64);
        builder.Property(k => k.DisplayPrefix).HasColumnName("display_prefix").HasMaxLength(32);
        builder.Property(k => k.CreatedAt).HasColumnName("created_at");
        builder.Property(k => k.RevokedAt).HasColumnName("revoked_at");
        builder.Property(k => k.LastFour).HasColumnName("last_four").HasMaxLength(4);
        builder.Property(k => k.ExpiresAt).HasColumnName("expires_at");
        builder.Property(k => k.AllowedModels).HasColumnName("allowed_models").HasConversion(StringListAsJson.Converter, StringListAsJson.Comparer);
        builder.Property(k => k.AllowedIps).HasColumnName("allowed_ips").HasConversion(StringListAsJson.Converter, StringListAsJson.Comparer);
        builder.Property(k => k.RpmLimit).HasColumnName("rpm_limit");
        builder.Property(k => k.TpmLimit).HasColumnName("tpm_limit");
        builder.Property(k => k.MaxConcurrentRequests).HasColumnName("max_concurrent_requests");
        builder.Property(k => k.SpendLimitNanoUsd).HasColumnName("spend_limit_nano_usd");
        builder.Property(k => k.SpendLimitPeriod).HasColumnName("spend_limit_period").HasMaxLength(8);
        builder.HasIndex(k => k.Hash).IsUnique();
        builder.HasIndex(k => k.AccountId);
        builder.Ignore(k => k.IsRevoked);
        builder.Ignore(k => k.Limits);
        builder.Ignore(k => k.DomainEvents);
    }
}

/// <summary>A short list of strings (allowed models, allowed IPs) kept as one JSON array column on every provider.</summary>
internal static class StringListAsJson
{
    // EF never hands a null to a converter (null is stored as NULL); the nullable types only match the property.
    public static readonly ValueConverter<IReadOnlyList<string>?, string> Converter = new(
        list => JsonSerializer.Serialize(list, (JsonSerializerOptions?)null),
        json => JsonSerializer.Deserialize<string[]>(json, (JsonSerializerOptions?)null) ?? Array.Empty<string>());

    public static readonly ValueComparer<IReadOnlyList<string>?> Comparer = new(
        (a, b) => a == null ? b == null : b != null && a.SequenceEqual(b),
        list => list == null ? 0 : list.Aggregate(0, (hash, item) => HashCode.Combine(hash, item)),
        list => list == null ? null : list.ToArray());
}
