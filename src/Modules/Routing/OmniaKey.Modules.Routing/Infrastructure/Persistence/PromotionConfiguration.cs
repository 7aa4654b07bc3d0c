using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OmniaKey.Modules.Routing.Domain.Pricing;
using OmniaKey.Modules.Routing.Domain.Promotions;

namespace OmniaKey.Modules.Routing.Infrastructure.Persistence;

internal sealed class PromotionConfiguration : IEntityTypeConfiguration<Promotion>
{
    public void Configure(EntityTypeBuilder<Promotion> builder)
    {
        builder.ToTable("promotions");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Id).HasColumnName("id").ValueGeneratedNever();
        builder.Property(p => p.Name).HasColumnName("name").HasMaxLength(200);
        builder.Property(p => p.Provider).HasColumnName("provider").HasMaxLength(32);
        builder.Property(p => p.ModelPattern).HasColumnName("model_pattern").HasMaxLength(200);
        // 0 is never stored (a discount is 1 to 10,000 basis points; the API refuses anything else). It is the column's
        // default, which EF's compiled model converts once into the property's "unset" sentinel (ADR 0051): that
        // conversion must not throw, so 0 reads as the empty default Discount, which no row holds.
        builder.Property(p => p.Discount).HasColumnName("discount_basis_points")
            .HasConversion(d => d.BasisPoints, v => v == 0 ? default : new Discount(v));
        builder.Property(p => p.StartsAt).HasColumnName("starts_at");
        builder.Property(p => p.EndsAt).HasColumnName("ends_at");
        builder.Property(p => p.CreatedAt).HasColumnName("created_at");

        // The price book loads the promotions that have not ended.
        builder.HasIndex(p => p.EndsAt);
        builder.Ignore(p => p.DomainEvents);
    }
}
