using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OmniaKey.Modules.Policies.Domain.Terms;

namespace OmniaKey.Modules.Policies.Infrastructure.Persistence.Configurations;

internal sealed class TermsVersionConfiguration : IEntityTypeConfiguration<TermsVersion>
{
    public void Configure(EntityTypeBuilder<TermsVersion> builder)
    {
        builder.ToTable("terms_versions");
        builder.HasKey(t => t.Version);
        builder.Property(t => t.Version).HasColumnName("version").HasMaxLength(32);
        builder.Property(t => t.EffectiveAt).HasColumnName("effective_at");
        builder.Property(t => t.PublishedAt).HasColumnName("published_at");
        builder.Property(t => t.Text).HasColumnName("text");
        builder.Property(t => t.Material).HasColumnName("material");
        builder.Property(t => t.NoticesPreparedAt).HasColumnName("notices_prepared_at");
    }
}
