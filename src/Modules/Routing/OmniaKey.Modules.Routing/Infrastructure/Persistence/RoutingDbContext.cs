using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OmniaKey.Domain.Money;
using OmniaKey.Infrastructure.Persistence;
using OmniaKey.Modules.Routing.Domain.Catalog;
using OmniaKey.Modules.Routing.Domain.Channels;
using OmniaKey.Modules.Routing.Domain.Promotions;

namespace OmniaKey.Modules.Routing.Infrastructure.Persistence;

internal abstract class RoutingDbContext(DbContextOptions options) : ModuleDbContext(options)
{
    public const string SchemaName = "routing";

    public override string Schema => SchemaName;

    public DbSet<CatalogModel> Models => Set<CatalogModel>();

    public DbSet<Channel> Channels => Set<Channel>();

    public DbSet<Promotion> Promotions => Set<Promotion>();
}

internal sealed class SqliteRoutingDbContext(DbContextOptions<SqliteRoutingDbContext> options) : RoutingDbContext(options);

internal sealed class PostgresRoutingDbContext(DbContextOptions<PostgresRoutingDbContext> options) : RoutingDbContext(options);

internal sealed class SqlServerRoutingDbContext(DbContextOptions<SqlServerRoutingDbContext> options) : RoutingDbContext(options);

internal sealed class CatalogModelConfiguration : IEntityTypeConfiguration<CatalogModel>
{
    public void Configure(EntityTypeBuilder<CatalogModel> builder)
    {
        builder.ToTable("models");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Id).HasColumnName("id").HasMaxLength(200);
        builder.Property(m => m.Provider).HasColumnName("provider").HasMaxLength(32);
        builder.Property(m => m.UpstreamModel).HasColumnName("upstream_model").HasMaxLength(200);
        builder.Property(m => m.ContextWindow).HasColumnName("context_window");
        builder.Property(m => m.MaxOutputTokens).HasColumnName("max_output_tokens");
        Price(builder.Property(m => m.InputPrice), "input_nano_usd_per_million");
        Price(builder.Property(m => m.OutputPrice), "output_nano_usd_per_million");
        Price(builder.Property(m => m.CacheReadPrice), "cache_read_nano_usd_per_million");
        Price(builder.Property(m => m.CacheWritePrice), "cache_write_nano_usd_per_million");
        builder.Property(m => m.ImageInputMaxTokens).HasColumnName("image_input_max_tokens");
        builder.Property(m => m.AudioInputMaxTokens).HasColumnName("audio_input_max_tokens");
        builder.Property(m => m.FileInputMaxTokens).HasColumnName("file_input_max_tokens");
        builder.Ignore(m => m.MediaLimits);
        builder.Property(m => m.Enabled).HasColumnName("enabled");
        builder.Property(m => m.CreatedUnix).HasColumnName("created_unix");

        // The alias is the key of its own table, so the database itself keeps aliases unique across models.
        builder.OwnsMany(m => m.Aliases, alias =>
        {
            alias.ToTable("model_aliases");
            alias.WithOwner().HasForeignKey("ModelId");
            alias.Property<string>("ModelId").HasColumnName("model_id").HasMaxLength(200);
            alias.Property(a => a.Name).HasColumnName("alias").HasMaxLength(200);
            alias.HasKey(a => a.Name);
        });
        builder.Navigation(m => m.Aliases).HasField("aliases").UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Ignore(m => m.AliasNames);
    }

    private static void Price(PropertyBuilder<TokenPrice> property, string column) =>
        property.HasColumnName(column).HasConversion(p => p.NanoUsdPerMillionTokens, v => new TokenPrice(v));
}
