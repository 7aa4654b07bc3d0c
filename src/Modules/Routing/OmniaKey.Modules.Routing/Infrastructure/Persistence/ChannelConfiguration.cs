using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OmniaKey.Modules.Routing.Domain.Channels;

namespace OmniaKey.Modules.Routing.Infrastructure.Persistence;

internal sealed class ChannelConfiguration : IEntityTypeConfiguration<Channel>
{
    public void Configure(EntityTypeBuilder<Channel> builder)
    {
        builder.ToTable("channels");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).HasColumnName("id").ValueGeneratedNever();
        builder.Property(c => c.Name).HasColumnName("name").HasMaxLength(100);
        builder.HasIndex(c => c.Name).IsUnique();
        builder.Property(c => c.Provider).HasColumnName("provider").HasMaxLength(32);
        builder.Property(c => c.BaseUrl).HasColumnName("base_url").HasMaxLength(500);
        builder.Property(c => c.EncryptedCredential).HasColumnName("encrypted_credential").HasMaxLength(8000);
        builder.Property(c => c.Priority).HasColumnName("priority");
        builder.Property(c => c.Weight).HasColumnName("weight");
        builder.Property(c => c.Enabled).HasColumnName("enabled");

        // A short list read whole with its channel: a JSON array column is simpler than a join table on three providers.
        builder.Property(c => c.Models).HasColumnName("models").HasMaxLength(20000)
            .HasConversion(
                models => JsonSerializer.Serialize(models, JsonSerializerOptions.Default),
                json => JsonSerializer.Deserialize<List<string>>(json, JsonSerializerOptions.Default) ?? new List<string>(),
                new ValueComparer<List<string>>((a, b) => a!.SequenceEqual(b!), m => m.Aggregate(0, (h, s) => HashCode.Combine(h, s.GetHashCode(StringComparison.Ordinal))), m => m.ToList()));
        builder.Property(c => c.CreatedAt).HasColumnName("created_at");
        builder.Property(c => c.UpdatedAt).HasColumnName("updated_at");
        builder.Ignore(c => c.DomainEvents);
    }
}
